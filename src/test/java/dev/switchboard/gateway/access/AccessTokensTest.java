package dev.switchboard.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
    @Test
    void tokensCarryAtLeast128RandomBitsAndAreUnique() {
        String t = AccessTokens.newToken();
        assertThat(t).startsWith("ng-").matches("ng-[0-9A-Za-z]{32}");
        // 32 base-62 characters: 32 * log2(62) = 190 bits
        assertThat(32 * Math.log(62) / Math.log(2)).isGreaterThan(128);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(AccessTokens.newToken())).isTrue();
        }
    }

    @Test
    void hashIsSha256Hex() {
        assertThat(AccessTokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void redactionShowsFirstCharactersAndLastFourButNeverMoreThanHalf() {
        assertThat(AccessTokens.redact("sk-proj-abcdefghijklmnopWXYZ")).isEqualTo("sk-p***WXYZ");
        assertThat(AccessTokens.redact("0123456789abcdef")).isEqualTo("0123***cdef");
        assertThat(AccessTokens.redact("01234567")).isEqualTo("01***67");
        assertThat(AccessTokens.redact("0123456")).isEqualTo("***");
        assertThat(AccessTokens.redact("")).isEqualTo("***");
        assertThat(AccessTokens.redact(null)).isEqualTo("***");
        for (int n = 1; n < 64; n++) {
            String secret = "x".repeat(n);
            String shown = AccessTokens.redact(secret).replace("***", "");
            assertThat(shown.length()).as("length " + n).isLessThanOrEqualTo(n / 2);
        }
    }

    @Test
    void idsHaveThePrefixAndAreUnique() {
        assertThat(AccessTokens.newId("aigp_")).matches("aigp_[0-9A-Za-z]{27}");
        assertThat(AccessTokens.newId("aigp_")).isNotEqualTo(AccessTokens.newId("aigp_"));
    }

    @Test
    void constantTimeEquals() {
        assertThat(AccessTokens.constantTimeEquals("a", "a")).isTrue();
        assertThat(AccessTokens.constantTimeEquals("a", "b")).isFalse();
        assertThat(AccessTokens.constantTimeEquals(null, "b")).isFalse();
    }
}
