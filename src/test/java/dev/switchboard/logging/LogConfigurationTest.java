package dev.switchboard.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The set-up logback finds as a service: one stderr appender through the redacting layout, Jetty and SQLite quiet. */
class LogConfigurationTest {

    @Test
    void configuresOneRedactingStderrAppenderAndTheLevels() {
        LoggerContext context = new LoggerContext();
        LogConfiguration configuration = new LogConfiguration();
        configuration.setContext(context);

        assertThat(configuration.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        assertThat(appenders).singleElement().isInstanceOfSatisfying(ConsoleAppender.class, a -> {
            assertThat(a.getTarget()).isEqualTo("System.err");
            assertThat(a.isStarted()).isTrue();
            assertThat(a.getEncoder()).isInstanceOfSatisfying(LayoutWrappingEncoder.class, e ->
                    assertThat(e.getLayout()).isInstanceOfSatisfying(RedactingLayout.class, l ->
                            assertThat(l.getPattern()).isEqualTo("%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n")));
        });
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.sqlite.core.DB").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.switchboard.gateway.EmbeddedGateway").getEffectiveLevel()).isEqualTo(Level.INFO);
        context.stop();
    }

    @Test
    void aNamedConfigurationFileTakesOver() {
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "/etc/switchboard/logback.xml");
        try {
            LoggerContext context = new LoggerContext();
            LogConfiguration configuration = new LogConfiguration();
            configuration.setContext(context);
            assertThat(configuration.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }
    }
}
