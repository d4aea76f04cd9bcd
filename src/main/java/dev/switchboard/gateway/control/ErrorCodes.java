package dev.switchboard.gateway.control;

/**
 * The control plane's error codes (ngrok style). One code per kind of failure a caller
 * can act on; {@code details.field} names the offending field where there is one.
 *
 * <pre>
 * code              HTTP  when
 * ERR_NGROK_27000   400   body is not JSON / not an object; bad query parameter (limit, beforeId)
 * ERR_NGROK_27001   401   admin key missing or wrong
 * ERR_NGROK_27002   403   control plane called from a non-loopback address without --allow-remote-admin
 * ERR_NGROK_27003   404   no such path, or no resource with that id
 * ERR_NGROK_27004   405   the path exists but not for this method (Allow lists the methods)
 * ERR_NGROK_27005   409   delete refused: still referenced (details.referencedBy: the ids, comma-separated)
 * ERR_NGROK_27006   422   a required field is missing or null
 * ERR_NGROK_27007   422   a field has an invalid value (type, length, format, rule)
 * ERR_NGROK_27008   409   already exists (providerId taken)
 * ERR_NGROK_27009   400   unknown field in the body
 * ERR_NGROK_27010   413   body larger than 1 MiB
 * ERR_NGROK_27011   422   the field cannot be changed (immutable, or changed through another call)
 * ERR_NGROK_27012   422   the field refers to a provider, provider key or configuration that does not exist
 * ERR_NGROK_27099   500   unexpected failure inside the gateway (see its log)
 * </pre>
 */
public final class ErrorCodes {
    public static final String BAD_REQUEST = "ERR_NGROK_27000";
    public static final String UNAUTHORIZED = "ERR_NGROK_27001";
    public static final String REMOTE_ADMIN_REFUSED = "ERR_NGROK_27002";
    public static final String NOT_FOUND = "ERR_NGROK_27003";
    public static final String METHOD_NOT_ALLOWED = "ERR_NGROK_27004";
    public static final String STILL_REFERENCED = "ERR_NGROK_27005";
    public static final String FIELD_REQUIRED = "ERR_NGROK_27006";
    public static final String FIELD_INVALID = "ERR_NGROK_27007";
    public static final String ALREADY_EXISTS = "ERR_NGROK_27008";
    public static final String UNKNOWN_FIELD = "ERR_NGROK_27009";
    public static final String BODY_TOO_LARGE = "ERR_NGROK_27010";
    public static final String FIELD_IMMUTABLE = "ERR_NGROK_27011";
    public static final String REFERENCE_NOT_FOUND = "ERR_NGROK_27012";
    public static final String INTERNAL = "ERR_NGROK_27099";

    private ErrorCodes() {
    }
}
