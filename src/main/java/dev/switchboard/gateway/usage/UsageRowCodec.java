package dev.switchboard.gateway.usage;

import java.math.BigInteger;
import java.util.Arrays;

/** How a row's request id and event id are kept small: the gateway's own forms packed, any other kept as given. */
final class UsageRowCodec {
    private static final String RQ = "rq_";
    private static final int RQ_CHARS = 26;

    private UsageRowCodec() {
    }

    /** A request id as stored: the gateway's {@code rq_} + 26 base-36 characters as a 17-byte blob, else the text. */
    static Object packRequestId(String id) {
        if (id == null || id.length() != RQ.length() + RQ_CHARS || !id.startsWith(RQ)) {
            return id;
        }
        for (int i = RQ.length(); i < id.length(); i++) {
            char ch = id.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'z')) {
                return id;
            }
        }
        byte[] raw = new BigInteger(id.substring(RQ.length()), 36).toByteArray();
        byte[] out = new byte[17];
        // 36^26 < 2^135: the magnitude fits 17 bytes, right-aligned (toByteArray may add a leading sign byte)
        int n = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - n, out, out.length - n, n);
        return out;
    }

    static String unpackRequestId(Object stored) {
        if (!(stored instanceof byte[] b)) {
            return (String) stored;
        }
        String digits = new BigInteger(1, b).toString(36);
        char[] pad = new char[RQ_CHARS - digits.length()];
        Arrays.fill(pad, '0');
        return RQ + new String(pad) + digits;
    }

    /** The id of an event not given one: its time then its seq, so ids grow with time and never repeat. */
    static String eventId(long t, long seq) {
        return "aigu_" + hex(t, 12) + hex(seq, 16);
    }

    private static String hex(long v, int width) {
        String h = Long.toHexString(v);
        return h.length() >= width ? h : "0".repeat(width - h.length()) + h;
    }
}
