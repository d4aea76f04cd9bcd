package dev.switchboard.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an exception carries, already scrubbed of secrets. */
record ErrorInfo(int status, String errorCode, String message, Map<String, Object> details, String requestId) {
    ErrorInfo {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    static ErrorInfo of(String message) {
        return new ErrorInfo(0, null, message, Map.of(), null);
    }
}
