package dev.switchboard.gateway.control.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Json;
import org.junit.jupiter.api.Test;

/** The validator itself: each rule it enforces, seen failing on the shapes the gateway used to send. */
class ResponseSchemasTest {
    private final ResponseSchemas schemas = ResponseSchemas.load();

    private java.util.List<String> violations(String schema, String json) throws Exception {
        return schemas.violations(schema, Json.mapper().readTree(json));
    }

    @Test
    void findsWhatTheOldAnswersGotWrong() throws Exception {
        assertThat(violations("Ref", "{\"id\":\"admin_1\",\"uri\":null,\"name\":\"admin key\"}"))
                .containsExactly("/uri: null, but the schema does not allow null (leave the field out)",
                        "/name: the schema allows no field 'name' (additionalProperties: false)");
        assertThat(violations("Error", "{\"statusCode\":409,\"msg\":\"m\",\"details\":{\"referencedBy\":[\"a\"]}}"))
                .containsExactly("/details/referencedBy: expected a string, got ARRAY [\"a\"]");
        assertThat(violations("RouterStep", "{\"type\":\"user\",\"keys\":[{\"id\":\"aigpk_1\"}]}"))
                .containsExactly("/keys/0: required field 'name' is missing",
                        "/keys/0: required field 'keyRedacted' is missing");
        assertThat(violations("AIGatewayUsageOverviewBucket", "{\"bucketStart\":\"yesterday\",\"groupKey\":\"p\","
                + "\"cost\":\"0\",\"requests\":1.5,\"errors\":0}"))
                .containsExactly("/bucketStart: 'yesterday' is not an RFC 3339 date-time",
                        "/requests: expected an integer, got NUMBER 1.5");
        assertThat(violations("RouterStep", "{\"type\":\"router\"}")).containsExactly("/type: \"router\" is not one of"
                + " [\"user\",\"ngrok\"]");
        assertThat(violations("AIGatewayConfig", "{\"accountId\":\"a\",\"uri\":\"u\",\"totalTimeout\":\"1s\","
                + "\"perRequestTimeout\":\"1s\",\"maxInputTokens\":null,\"metadata\":null}")).isEmpty();
    }
}
