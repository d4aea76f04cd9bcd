package dev.switchboard.discovery;

import java.time.Duration;

/** The answer to a one-message test chat: what the model said, which model answered, and how long it took. */
public record ChatTestResult(String reply, String model, Duration elapsed) {
}
