package dev.switchboard.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void credentialsInHeadersJsonAndOwnFormatsAreRedacted() {
        assertThat(Redaction.redact("parsedHeader(Authorization: Bearer sk-live-0123456789abcdef)"))
                .isEqualTo("parsedHeader(Authorization: Bearer sk-l***cdef)");
        assertThat(Redaction.redact("valueString=[Basic YWRtaW46c2VjcmV0LXZhbHVl]"))
                .isEqualTo("valueString=[Basic YWRt***bHVl]");
        assertThat(Redaction.redact("x-api-key: anthropic-0123456789, next"))
                .isEqualTo("x-api-key: anth***6789, next");
        assertThat(Redaction.redact("<<<{\"providerId\": \"p\", \"value\": \"sk-abcdefghijklmnop\"}>>>"))
                .isEqualTo("<<<{\"providerId\": \"p\", \"value\": \"sk-a***mnop\"}>>>");
        assertThat(Redaction.redact("{\"model\": \"ng-ABCDEFGHIJKLMNOPQRSTUVWXYZ012345\"} and sbadm_abcdefghijklmnopqrst"))
                .isEqualTo("{\"model\": \"ng-A***2345\"} and sbad***qrst");
    }

    @Test
    void rememberedSecretsAreRedactedAnywhere() {
        Redaction.remember("plain-provider-secret-4711");
        assertThat(Redaction.redact("upstream said: unknown key plain-provider-secret-4711."))
                .isEqualTo("upstream said: unknown key plai***4711.");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "Gateway started on http://127.0.0.1:7878 (data folder /tmp/x, admin key file /tmp/x/admin-key);"
                + " rq_abc attempt 1 failed (HTTP 500), failing over; Send 'Authorization: Bearer <admin key>'";
        assertThat(Redaction.redact(text)).isEqualTo(text);
        Redaction.remember("short");
        assertThat(Redaction.redact("a short note")).isEqualTo("a short note");
    }
}
