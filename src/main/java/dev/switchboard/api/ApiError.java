package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The control plane's error body, on every non-2xx answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String errorCode, int statusCode, String msg, Map<String, Object> details) {
}
