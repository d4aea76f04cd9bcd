import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the app image's class-data-sharing archive (AppCDS), which the launcher names in its java-options
 * ({@code -XX:SharedArchiveFile=$APPDIR/switchboard.jsa}): start-up then maps ~8,000 parsed, verified classes
 * instead of loading them from the jars. Two steps:
 * <ol>
 * <li>a training run lists the classes a start loads: the app's own jar on this JDK, headless on Monocle, with
 *     the start-up probe, which quits once the first frame is drawn (the embedded gateway starts meanwhile);
 * <li>the image's own launcher dumps the archive from that list ({@code -Xshare:dump} through
 *     {@code JAVA_TOOL_OPTIONS}), so it matches the image's runtime and class path exactly.
 * </ol>
 * Java 17 checks the jar's path: an image moved elsewhere starts without the archive (silently, no slower than
 * before). The class list is kept beside the archive so an installer can dump again where it installs.
 * Run by the Maven profile {@code package}:
 * {@code java packaging/tools/CdsArchive.java LAUNCHER APP_DIR MONOCLE_JAR WORK_DIR}.
 */
public final class CdsArchive {
    static final String ARCHIVE = "switchboard.jsa";
    static final String CLASS_LIST = "switchboard.classlist";

    private CdsArchive() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java CdsArchive.java LAUNCHER APP_DIR MONOCLE_JAR WORK_DIR");
            System.exit(2);
        }
        Path launcher = Path.of(args[0]);
        Path appDir = Path.of(args[1]);
        Path monocle = Path.of(args[2]);
        Path work = Path.of(args[3]);
        Path jar = appDir.resolve("switchboard.jar");
        for (Path p : List.of(launcher, jar, monocle)) {
            if (!Files.isRegularFile(p)) {
                fail("CdsArchive: " + p + " is missing");
            }
        }
        Path data = work.resolve("cds-data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("settings.json"), "{\"embeddedPort\":0}");
        Path classList = appDir.resolve(CLASS_LIST);

        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> train = new ArrayList<>(List.of(javaBin,
                "-XX:DumpLoadedClassList=" + classList,
                "-XX:+UseSerialGC", "-Xmx256m",
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Dheadless.geometry=1400x900-32", "-Djava.awt.headless=true",
                "-Dswitchboard.startupProbe=true",
                "-cp", jar + java.io.File.pathSeparator + monocle,
                "dev.switchboard.app.Launcher", "--data", data.toString()));
        String out = run(new ProcessBuilder(train), work.resolve("cds-train.log"));
        if (!out.contains("switchboard-first-frame")) {
            fail("CdsArchive: the training run drew no first frame; see " + work.resolve("cds-train.log"));
        }

        ProcessBuilder dump = new ProcessBuilder(launcher.toString(), "--version");
        dump.environment().put("JAVA_TOOL_OPTIONS", "-Xshare:dump -XX:SharedClassListFile=" + classList
                + " -XX:SharedArchiveFile=" + appDir.resolve(ARCHIVE) + " -Xlog:cds=error");
        run(dump, work.resolve("cds-dump.log"));
        Path archive = appDir.resolve(ARCHIVE);
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            fail("CdsArchive: no archive was written; see " + work.resolve("cds-dump.log"));
        }
        System.out.printf("CdsArchive: %s (%d MB) from %d classes%n", archive,
                Files.size(archive) >> 20, Files.readAllLines(classList).stream().filter(l -> !l.startsWith("#")).count());
    }

    /** Runs a process to its end (at most 3 minutes), its output to a log file; returns the output. */
    private static String run(ProcessBuilder pb, Path log) throws IOException, InterruptedException {
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("CdsArchive: " + pb.command().get(0) + " did not finish in 3 minutes; see " + log);
        }
        String out = Files.readString(log);
        if (p.exitValue() != 0) {
            fail("CdsArchive: " + String.join(" ", pb.command()) + " exited with " + p.exitValue() + ":\n" + out);
        }
        return out;
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }
}
