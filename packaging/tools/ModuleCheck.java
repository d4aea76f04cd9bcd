import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;

/**
 * Fails the packaging build when the app needs a JDK module that the trimmed runtime leaves out.
 * Runs {@code jdeps --print-module-deps --ignore-missing-deps --multi-release RELEASE JAR} and checks
 * that every module it prints is in the {@code --add-modules} list. jdeps cannot see modules reached
 * only through service loading (TLS curves, zip file systems), so the list may hold more than jdeps prints.
 * Run by the Maven profile {@code package}: {@code java packaging/tools/ModuleCheck.java JAR RELEASE MODULES}.
 */
public final class ModuleCheck {
    private ModuleCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: java ModuleCheck.java JAR RELEASE MODULE[,MODULE...]");
            System.exit(2);
        }
        String jar = args[0];
        String release = args[1];
        Set<String> configured = split(args[2]);
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("jdeps is not in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "--print-module-deps", "--ignore-missing-deps", "--multi-release", release, jar);
        if (code != 0) {
            System.err.println("modules: jdeps failed (" + code + "): " + err + out);
            System.exit(1);
        }
        List<String> lines = out.toString().lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        Set<String> needed = split(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(configured);
        System.out.println("modules: jdeps says the app needs " + String.join(",", needed));
        if (!missing.isEmpty()) {
            System.err.println("modules: the runtime would lack " + String.join(",", missing)
                    + "; add them to jpackage.modules.jdeps in pom.xml (profile 'package')");
            System.exit(1);
        }
        Set<String> extra = new TreeSet<>(configured);
        extra.removeAll(needed);
        System.out.println("modules: runtime has them all" + (extra.isEmpty() ? "" : ", plus " + String.join(",", extra)));
    }

    private static Set<String> split(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
