package dev.switchboard.viewmodel.logs;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The request log as shown, as CSV: one header line, one line per request, values quoted where they must be. */
final class LogCsv {
    private LogCsv() {
    }

    static void write(List<LogRow> rows, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("time,requestId,accessKeyId,accessKey,model,status,attempts,latencyMs,ttftMs,inputTokens,outputTokens,"
                    + "streaming,error\n");
            for (LogRow r : rows) {
                w.write(String.join(",", csv(r.time().toString()), csv(r.requestId()), csv(r.accessKeyId()),
                        csv(r.keyName()), csv(r.modelRef()), csv(r.statusText()), Integer.toString(r.attempts()),
                        Long.toString(r.latencyMs()), csv(r.ttftMs()), csv(r.inputTokens()), csv(r.outputTokens()),
                        Boolean.toString(r.streaming()), csv(r.errorText())));
                w.write('\n');
            }
        }
    }

    private static String csv(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        // A leading = + - @ would make a spreadsheet run the cell as a formula.
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
