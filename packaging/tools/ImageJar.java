import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Copies the shaded jar for the app image, leaving out the SQLite native libraries of other operating
 * systems (sqlite-jdbc ships about 20 of them; the image needs its own system's). Entries are removed
 * through the jar file system, which copies the others unchanged instead of compressing them again.
 * <p>
 * On Linux it also puts JavaFX's native libraries (the .so files at the jar's root) beside the jar (untried on
 * macOS, where the .dylib files could go the same way): JavaFX loads them from the jar's folder when they are
 * there, where from the class path it would otherwise unpack them to ~/.openjfx/cache and check both copies with
 * MD5 at every start (~40 ms of CPU, and the JIT's work compiling MD5). The copies inside the jar stay, so the
 * jar alone still runs.
 * Run by the Maven profile {@code package}: {@code java packaging/tools/ImageJar.java IN OUT Linux}.
 */
public final class ImageJar {
    private static final String NATIVES = "/org/sqlite/native";

    private ImageJar() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java ImageJar.java SHADED_JAR OUT_JAR SQLITE_OS (Linux, Windows, Mac)");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]).toAbsolutePath();
        String keep = args[2];
        Files.createDirectories(out.getParent());
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + out.toUri()), Map.of())) {
            if (keep.equals("Linux")) {
                extractJavaFxNatives(jar, out.getParent());
            }
            Path natives = jar.getPath(NATIVES);
            if (!Files.isDirectory(natives)) {
                System.out.println("image jar: no SQLite natives in " + in);
                return;
            }
            if (!Files.isDirectory(natives.resolve(keep))) {
                throw new IOException(in + " has no SQLite natives for " + keep + NATIVES);
            }
            List<Path> others;
            try (Stream<Path> systems = Files.list(natives)) {
                others = systems.filter(p -> !p.getFileName().toString().replace("/", "").equals(keep))
                        .collect(Collectors.toList());
            }
            for (Path system : others) {
                try (Stream<Path> tree = Files.walk(system)) {
                    for (Path p : tree.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                        Files.delete(p);
                    }
                }
            }
            System.out.println("image jar: kept SQLite natives for " + keep + ", left out "
                    + others.stream().map(p -> p.getFileName().toString().replace("/", "")).sorted()
                    .collect(Collectors.joining(", ")));
        }
    }

    /** Copies the native libraries at the jar's root (JavaFX's; SQLite's live under org/sqlite) into {@code dir}. */
    private static void extractJavaFxNatives(FileSystem jar, Path dir) throws IOException {
        List<String> copied;
        try (Stream<Path> root = Files.list(jar.getPath("/"))) {
            copied = root.filter(p -> p.getFileName() != null && p.getFileName().toString().matches("lib.+\\.so"))
                    .map(p -> {
                        try {
                            Files.copy(p, dir.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                            return p.getFileName().toString();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).sorted().collect(Collectors.toList());
        }
        if (copied.isEmpty()) {
            throw new IOException("no JavaFX native libraries at the root of " + jar);
        }
        System.out.println("image jar: JavaFX natives beside the jar: " + String.join(", ", copied));
    }
}
