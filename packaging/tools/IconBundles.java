import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the Windows {@code .ico} and macOS {@code .icns} icons from {@code assets/icon-<size>.png}.
 * Both formats may carry PNG data unchanged, so nothing is re-rendered and the icons cannot drift
 * from the PNGs. Run by the Maven profile {@code package}:
 * {@code java packaging/tools/IconBundles.java assets target/jpackage/icons Switchboard}.
 */
public final class IconBundles {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int[] ICO_SIZES = {16, 32, 48, 64, 128, 256};
    /** icns element types that hold PNG data, by pixel size (retina variants share the PNG of double size). */
    private static final Map<String, Integer> ICNS_TYPES = new LinkedHashMap<>();

    static {
        ICNS_TYPES.put("icp4", 16);
        ICNS_TYPES.put("icp5", 32);
        ICNS_TYPES.put("ic11", 32);
        ICNS_TYPES.put("icp6", 64);
        ICNS_TYPES.put("ic12", 64);
        ICNS_TYPES.put("ic07", 128);
        ICNS_TYPES.put("ic08", 256);
        ICNS_TYPES.put("ic13", 256);
        ICNS_TYPES.put("ic09", 512);
        ICNS_TYPES.put("ic14", 512);
    }

    private IconBundles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java IconBundles.java ASSETS_DIR OUT_DIR NAME");
            System.exit(2);
        }
        Path assets = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String name = args[2];
        Files.createDirectories(out);
        Files.copy(assets.resolve("icon-256.png"), out.resolve(name + ".png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(out.resolve(name + ".ico"), ico(assets));
        Files.write(out.resolve(name + ".icns"), icns(assets));
        System.out.println("icons: " + out.resolve(name) + ".{png,ico,icns}");
    }

    static byte[] ico(Path assets) throws IOException {
        byte[][] images = new byte[ICO_SIZES.length][];
        for (int i = 0; i < ICO_SIZES.length; i++) {
            images[i] = png(assets, ICO_SIZES[i]);
        }
        int headerSize = 6 + 16 * images.length;
        int total = headerSize + Arrays.stream(images).mapToInt(b -> b.length).sum();
        ByteBuffer buf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort((short) 0).putShort((short) 1).putShort((short) images.length);
        int offset = headerSize;
        for (int i = 0; i < images.length; i++) {
            int size = ICO_SIZES[i];
            buf.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            buf.put((byte) 0).put((byte) 0);
            buf.putShort((short) 1).putShort((short) 32);
            buf.putInt(images[i].length).putInt(offset);
            offset += images[i].length;
        }
        for (byte[] image : images) {
            buf.put(image);
        }
        return buf.array();
    }

    static byte[] icns(Path assets) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, Integer> e : ICNS_TYPES.entrySet()) {
            byte[] image = png(assets, e.getValue());
            body.write(e.getKey().getBytes(StandardCharsets.US_ASCII));
            body.write(ByteBuffer.allocate(4).putInt(8 + image.length).array());
            body.write(image);
        }
        ByteBuffer buf = ByteBuffer.allocate(8 + body.size());
        buf.put("icns".getBytes(StandardCharsets.US_ASCII)).putInt(8 + body.size()).put(body.toByteArray());
        return buf.array();
    }

    /** Reads {@code icon-<size>.png} and checks that it is a PNG of that size. */
    static byte[] png(Path assets, int size) throws IOException {
        Path file = assets.resolve("icon-" + size + ".png");
        byte[] data = Files.readAllBytes(file);
        if (data.length < 24 || !Arrays.equals(Arrays.copyOf(data, 8), PNG_SIGNATURE)) {
            throw new IOException(file + " is not a PNG file");
        }
        ByteBuffer ihdr = ByteBuffer.wrap(data, 16, 8);
        int width = ihdr.getInt();
        int height = ihdr.getInt();
        if (width != size || height != size) {
            throw new IOException(file + " is " + width + "x" + height + ", expected " + size + "x" + size);
        }
        return data;
    }
}
