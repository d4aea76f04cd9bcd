package dev.switchboard.gateway.usage;

import java.nio.ByteBuffer;

/** How a row's request id and event id are kept small: the gateway's own forms packed, any other kept as given. */
final class UsageRowCodec {
    private static final String RQ = "rq_";
    private static final int RQ_CHARS = 26;

    private UsageRowCodec() {
    }

    /** A request id as stored: the gateway's {@code rq_} + 26 base-36 characters as an 18-byte blob, else the text. */
    static Object packRequestId(String id) {
        if (id == null || id.length() != RQ.length() + RQ_CHARS || !id.startsWith(RQ)) {
            return id;
        }
        long a = base36(id, 3, 15);
        long b = base36(id, 15, 27);
        long c = base36(id, 27, 29);
        if (a < 0 || b < 0 || c < 0) {
            return id;
        }
        return ByteBuffer.allocate(18).putLong(a).putLong(b).putShort((short) c).array();
    }

    /** The characters [from, to) of {@code s} as a base-36 number (12 at most fit a long), or -1 if not base 36. */
    private static long base36(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'z' ? ch - 'a' + 10 : -1;
            if (d < 0) {
                return -1;
            }
            v = v * 36 + d;
        }
        return v;
    }

    static String unpackRequestId(Object stored) {
        if (!(stored instanceof byte[] b)) {
            return (String) stored;
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        return RQ + digits(buf.getLong(), 12) + digits(buf.getLong(), 12) + digits(buf.getShort(), 2);
    }

    private static String digits(long v, int width) {
        return pad(Long.toString(v, 36), width);
    }

    /** The id of an event not given one: its time then its seq, so ids grow with time and never repeat. */
    static String eventId(long t, long seq) {
        return "aigu_" + hex(t, 12) + hex(seq, 16);
    }

    private static String hex(long v, int width) {
        return pad(Long.toHexString(v), width);
    }

    private static String pad(String digits, int width) {
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
