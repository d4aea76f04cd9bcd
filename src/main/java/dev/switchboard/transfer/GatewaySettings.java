package dev.switchboard.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The gateway-wide settings. A timeout left out is left as it is on the target; a token cap left out
 * means no cap.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"totalTimeout", "perRequestTimeout", "maxInputTokens", "maxOutputTokens"})
public record GatewaySettings(String totalTimeout, String perRequestTimeout, Long maxInputTokens,
                              Long maxOutputTokens) {
}
