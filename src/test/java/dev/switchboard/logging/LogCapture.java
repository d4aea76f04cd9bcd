package dev.switchboard.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every logback event in this JVM, with DEBUG on for Jetty and TRACE for Switchboard, rendered by the
 * encoders LogConfiguration gives the root logger (what a log file would show), plus everything printed
 * to stdout and stderr.
 */
public final class LogCapture {
    private static final List<String> LOUD = List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.switchboard",
            "org.eclipse.jetty");
    private final LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Encoder<ILoggingEvent>> encoders = new ArrayList<>();
    private final Map<String, Level> levelsBefore = new LinkedHashMap<>();
    private final PrintStream outBefore = System.out;
    private final PrintStream errBefore = System.err;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    public static LogCapture start() {
        LogCapture c = new LogCapture();
        ch.qos.logback.classic.Logger root = c.ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.iteratorForAppenders().forEachRemaining(a -> {
            if (a instanceof OutputStreamAppender<ILoggingEvent> out) {
                c.encoders.add(out.getEncoder());
            }
        });
        assertThat(c.encoders).as("LogConfiguration's appenders").isNotEmpty();
        c.appender.setContext(c.ctx);
        c.appender.start();
        root.addAppender(c.appender);
        for (String name : LOUD) {
            ch.qos.logback.classic.Logger logger = c.ctx.getLogger(name);
            c.levelsBefore.put(name, logger.getLevel());
            logger.setLevel(name.equals("dev.switchboard") ? Level.TRACE : Level.DEBUG);
        }
        System.setOut(new PrintStream(new Tee(c.outBefore, c.console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(c.errBefore, c.console), true, StandardCharsets.UTF_8));
        return c;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            for (Encoder<ILoggingEvent> encoder : encoders) {
                sb.append(new String(encoder.encode(e), StandardCharsets.UTF_8));
            }
        }
        synchronized (console) {
            sb.append(console.toString(StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    public int events() {
        return appender.list.size();
    }

    public void stop() {
        System.setOut(outBefore);
        System.setErr(errBefore);
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        levelsBefore.forEach((name, level) -> ctx.getLogger(name).setLevel(level));
        appender.stop();
    }
}

final class Tee extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final ByteArrayOutputStream b;

    Tee(java.io.OutputStream a, ByteArrayOutputStream b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public void write(int x) throws java.io.IOException {
        a.write(x);
        synchronized (b) {
            b.write(x);
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
        a.write(buf, off, len);
        synchronized (b) {
            b.write(buf, off, len);
        }
    }

    @Override
    public void flush() throws java.io.IOException {
        a.flush();
    }
}
