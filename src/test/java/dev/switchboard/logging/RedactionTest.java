package dev.switchboard.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules are checked with nothing remembered ({@code redact(NONE, text)}): the process-wide set holds whatever
 * keys earlier tests in this JVM created (the body fuzzer creates thousands), so exact strings would depend on test
 * order.
 */
class RedactionTest {
    private static final List<String> NONE = List.of();

    @Test
    void credentialsInHeadersJsonAndOwnFormatsAreRedacted() {
        assertThat(Redaction.redact(NONE, "parsedHeader(Authorization: Bearer sk-live-0123456789abcdef)"))
                .isEqualTo("parsedHeader(Authorization: Bearer sk-l***cdef)");
        assertThat(Redaction.redact(NONE, "valueString=[Basic YWRtaW46c2VjcmV0LXZhbHVl]"))
                .isEqualTo("valueString=[Basic YWRt***bHVl]");
        assertThat(Redaction.redact(NONE, "x-api-key: anthropic-0123456789, next"))
                .isEqualTo("x-api-key: anth***6789, next");
        assertThat(Redaction.redact(NONE, "<<<{\"providerId\": \"p\", \"value\": \"sk-abcdefghijklmnop\"}>>>"))
                .isEqualTo("<<<{\"providerId\": \"p\", \"value\": \"sk-a***mnop\"}>>>");
        assertThat(Redaction.redact(NONE, "{\"model\": \"ng-ABCDEFGHIJKLMNOPQRSTUVWXYZ012345\"} and sbadm_abcdefghijklmnopqrst"))
                .isEqualTo("{\"model\": \"ng-A***2345\"} and sbad***qrst");
    }

    @Test
    void rememberedSecretsAreRedactedAnywhere() {
        Redaction.remember("plain-provider-secret-4711");
        assertThat(Redaction.redact("upstream said: unknown key plain-provider-secret-4711."))
                .doesNotContain("provider-secret").contains("plai").contains("4711.");
        assertThat(Redaction.redact(List.of("plain-provider-secret-4711"), "upstream said: unknown key plain-provider-secret-4711."))
                .isEqualTo("upstream said: unknown key plai***4711.");
    }

    @Test
    void overlappingSecretsAreRedactedAsOne() {
        // a shorter remembered value inside a longer one must not cut the longer one apart
        assertThat(Redaction.redact(List.of("provider", "plain-provider-secret-4711"), "key plain-provider-secret-4711."))
                .isEqualTo("key plai***4711.");
        // a remembered word inside a header's value: the whole value still goes
        assertThat(Redaction.redact(List.of("anthropic"), "x-api-key: anthropic-0123456789, next"))
                .isEqualTo("x-api-key: anth***6789, next");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "Gateway started on http://127.0.0.1:7878 (data folder /tmp/x, admin key file /tmp/x/admin-key);"
                + " rq_abc attempt 1 failed (HTTP 500), failing over; Send 'Authorization: Bearer <admin key>'";
        assertThat(Redaction.redact(NONE, text)).isEqualTo(text);
        Redaction.remember("short");
        assertThat(Redaction.redact("a short note")).isEqualTo("a short note");
    }

    @Test
    void theNewestSecretIsRedactedEvenAfterTenThousandOthers() {
        for (int i = 0; i < 10_050; i++) {
            Redaction.remember("filler-secret-" + (1_000_000 + i));
        }
        Redaction.remember("sk-newest-9c2e4a7b1d3f");
        assertThat(Redaction.redact("POST body {\"x\":\"sk-newest-9c2e4a7b1d3f\"}")).doesNotContain("sk-newest-9c2e4a7b1d3f");
    }
}
