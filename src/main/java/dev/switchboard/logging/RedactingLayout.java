package dev.switchboard.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's pattern layout with every rendered event (message, arguments, stack traces) passed
 * through {@link Redaction}: the one place where a secret that reached a log call is stopped.
 * {@link LogConfiguration} uses it for every appender; a custom logging configuration should too.
 */
public class RedactingLayout extends PatternLayout {
    @Override
    public String doLayout(ILoggingEvent event) {
        return Redaction.redact(super.doLayout(event));
    }
}
