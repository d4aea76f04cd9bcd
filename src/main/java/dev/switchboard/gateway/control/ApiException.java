package dev.switchboard.gateway.control;

import dev.switchboard.api.ApiError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A control-plane failure the caller can act on; becomes the error JSON. Messages name
 * fields and ids, never secret values.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String errorCode;
    private final Map<String, Object> details;
    private Map<String, String> headers = Map.of();

    public ApiException(int status, String errorCode, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.details = details == null ? Map.of() : details;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ApiError toApiError() {
        return new ApiError(errorCode, status, getMessage(), details);
    }

    private static Map<String, Object> field(String field) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("field", field);
        return d;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, ErrorCodes.BAD_REQUEST, message, Map.of());
    }

    public static ApiException badParameter(String parameter, String message) {
        return new ApiException(400, ErrorCodes.BAD_REQUEST, message, field(parameter));
    }

    public static ApiException required(String field) {
        return new ApiException(422, ErrorCodes.FIELD_REQUIRED, "The " + field + " field is required.", field(field));
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(422, ErrorCodes.FIELD_INVALID, message, field(field));
    }

    public static ApiException immutable(String field, String message) {
        return new ApiException(422, ErrorCodes.FIELD_IMMUTABLE, message, field(field));
    }

    public static ApiException missingReference(String field, String message) {
        return new ApiException(422, ErrorCodes.REFERENCE_NOT_FOUND, message, field(field));
    }

    public static ApiException unknownField(String field) {
        return new ApiException(400, ErrorCodes.UNKNOWN_FIELD, "Unknown field '" + field
                + "'. Remove it; see the API description for the fields this resource accepts.", field(field));
    }

    public static ApiException alreadyExists(String field, String message) {
        return new ApiException(409, ErrorCodes.ALREADY_EXISTS, message, field(field));
    }

    public static ApiException stillReferenced(String message, List<String> referrerIds) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("referencedBy", String.join(",", referrerIds));
        return new ApiException(409, ErrorCodes.STILL_REFERENCED, message, d);
    }

    public static ApiException methodNotAllowed(String method, String path, List<String> allowed) {
        ApiException e = new ApiException(405, ErrorCodes.METHOD_NOT_ALLOWED, method + " is not allowed on " + path
                + "; use " + String.join(", ", allowed) + ".", Map.of("allowed", String.join(", ", allowed)));
        e.headers = Map.of("Allow", String.join(", ", allowed));
        return e;
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, ErrorCodes.NOT_FOUND, message, Map.of());
    }
}
