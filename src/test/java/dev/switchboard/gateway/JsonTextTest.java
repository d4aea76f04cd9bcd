package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "7b7d", "7b0022", "c3a9", "e282ac", "f09f9880", "efbbbf7b7d", "f48fbfbf", "ed9fbf",
            "ee8080"})
    void wellFormedUtf8Passes(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        assertThat(JsonText.invalidUtf8At(b, 0, b.length)).isEqualTo(-1);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource({
            "22c08022, 1, overlong NUL (Jackson reads it as U+0000)",
            "22e0808022, 1, overlong three-byte form",
            "22eda08022, 1, an encoded surrogate",
            "22f490808022, 1, past U+10FFFF (Jackson reads it as two lone surrogates)",
            "22f88880808022, 1, five-byte form",
            "22ff22, 1, a byte that never starts a sequence",
            "228022, 1, a lone continuation byte",
            "22e282, 1, cut short at the end",
            "22c32822, 1, a bad continuation byte",
            "feff007b007d, 0, UTF-16 with a byte order mark",
    })
    void malformedUtf8IsFoundWhereItStarts(String hex, int at, String what) {
        byte[] b = HexFormat.of().parseHex(hex);
        assertThat(JsonText.invalidUtf8At(b, 0, b.length)).as(what).isEqualTo(at);
    }

    @Test
    void onlyTheGivenRangeIsChecked() {
        byte[] b = {'"', 'a', '"', (byte) 0xff};
        assertThat(JsonText.invalidUtf8At(b, 0, 3)).isEqualTo(-1);
        assertThat(JsonText.invalidUtf8At(b, 0, 4)).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a\":\"ok \\ud83d\\ude00\"}|",
            "{\"a\":\"\\ud800\"}|a",
            "{\"a\":[1,{\"b\":\"x\\udfff\"}]}|a[1].b",
            "{\"a\":\"\\ude00\\ud83d\"}|a",
            "\"\\ud800\"|''",
    })
    void loneSurrogatesAreFoundByPath(String json, String path) throws Exception {
        assertThat(JsonText.loneSurrogateAt(Json.mapper().readTree(json.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(path);
    }

    @Test
    void aLoneSurrogateInAFieldNameCounts() throws Exception {
        assertThat(JsonText.loneSurrogateAt(Json.mapper().readTree("{\"x\":{\"\\udc00\":1}}"))).startsWith("x.");
    }
}
