package dev.switchboard.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessKeyKeptTokensTest {
    @TempDir
    Path data;

    @Test
    void keepsTokensInAnOwnerOnlyFileAndForgetsThem() throws Exception {
        KeptTokens store = new KeptTokens(data);
        assertThat(store.all()).isEmpty();

        store.keep("aigk_1", "laptop", "ng-secret-one");
        store.keep("aigk_2", "ci", "ng-secret-two");
        store.keep("aigk_1", "laptop", "ng-secret-three");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        KeptTokens reread = new KeptTokens(data);
        assertThat(reread.all()).extracting(KeptTokens.KeptToken::accessKeyId).containsExactly("aigk_2", "aigk_1");
        assertThat(reread.find("aigk_1").orElseThrow().token()).isEqualTo("ng-secret-three");
        assertThat(reread.find("aigk_1").orElseThrow().toString()).doesNotContain("ng-secret");

        assertThat(reread.forget("aigk_1")).isTrue();
        assertThat(reread.forget("aigk_1")).isFalse();
        assertThat(new KeptTokens(data).all()).extracting(KeptTokens.KeptToken::accessKeyId).containsExactly("aigk_2");
        assertThat(Files.readString(store.file())).doesNotContain("ng-secret-three");
    }
}
