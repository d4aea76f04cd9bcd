package dev.switchboard.viewmodel.validation;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RulesTest {
    private final Rule<String> url = Rules.httpUrl("The URL");

    @ParameterizedTest
    @ValueSource(strings = {"https://api.ngrok.ai", "http://127.0.0.1:7878", "https://gateway.example.com/base/", " https://a.b "})
    void acceptsHttpAndHttpsUrlsWithAHost(String value) {
        assertThat(url.check(value).valid()).isTrue();
    }

    @Test
    void refusesOtherSchemes() {
        ValidationStatus s = url.check("ftp://x");
        assertThat(s.valid()).isFalse();
        assertThat(s.message()).contains("http://", "https://", "ftp://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "api.ngrok.ai", "https://", "https:///path", "http://exa mple.com", "", "   ", "https://a.b/?q=1"})
    void refusesWhatIsNotAnAbsoluteHttpUrl(String value) {
        ValidationStatus s = url.check(value);
        assertThat(s.valid()).isFalse();
        assertThat(s.message()).isNotBlank();
    }

    @Test
    void fieldValidatorFollowsTheValueAsItChanges() {
        SimpleStringProperty value = new SimpleStringProperty("https://ok.example");
        FieldValidator<String> v = new FieldValidator<>(value, url);
        ValidationGroup group = new ValidationGroup(v);
        assertThat(v.isValid()).isTrue();
        assertThat(group.isAllValid()).isTrue();

        value.set("ftp://x");
        assertThat(v.isValid()).isFalse();
        assertThat(v.getMessage()).contains("ftp://");
        assertThat(group.isAllValid()).isFalse();

        value.set("https://api.ngrok.ai");
        assertThat(v.isValid()).isTrue();
        assertThat(v.getMessage()).isEmpty();
        assertThat(group.isAllValid()).isTrue();
    }

    @Test
    void requiredAndMaxLengthChain() {
        Rule<String> r = Rules.required("Name").and(Rules.maxLength("Name", 3));
        assertThat(r.check("").message()).isEqualTo("Name is required.");
        assertThat(r.check("abcd").message()).contains("at most 3");
        assertThat(r.check("abc").valid()).isTrue();
    }
}
