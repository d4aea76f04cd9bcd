package dev.switchboard.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderModel;
import dev.switchboard.api.Ref;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    static final Ref ACTOR = new Ref("admin_test", null, "admin key");

    static Provider draft(String providerId) {
        return new Provider(null, null, null, null, ACTOR, ACTOR, null, providerId, providerId,
                "http://localhost:1", List.of(ApiSurface.openAiChat()), List.of(new ProviderModel("aigpm_1", "m")));
    }

    @Test
    void schemaIsCreatedInWalModeAtTheLatestVersion(@TempDir Path data) throws Exception {
        try (Store store = Store.open(data)) {
            store.write(() -> store.providers().insert(draft("one")));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Store.FILE_NAME));
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1)).isEqualTo(Migrations.latest());
            }
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
        }
        try (Store again = Store.open(data)) {
            assertThat(again.providers().findByProviderId("one")).isPresent();
        }
    }

    @Test
    void aDatabaseFromANewerVersionIsRefused(@TempDir Path data) throws Exception {
        Store.open(data).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Store.FILE_NAME));
             Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = " + (Migrations.latest() + 1));
        }
        assertThatThrownBy(() -> Store.open(data)).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer than this Switchboard understands");
    }

    @Test
    void aFailedWriteRollsBackAndTellsNoOne(@TempDir Path data) {
        try (Store store = Store.open(data)) {
            AtomicInteger changes = new AtomicInteger();
            store.addChangeListener(changes::incrementAndGet);
            assertThatThrownBy(() -> store.write(() -> {
                store.providers().insert(draft("half"));
                throw new IllegalStateException("refused");
            })).hasMessage("refused");
            assertThat(store.providers().findByProviderId("half")).isEmpty();
            assertThat(changes.get()).isZero();
            assertThat(store.version()).isZero();

            store.write(() -> store.write(() -> store.providers().insert(draft("nested"))));
            assertThat(store.providers().findByProviderId("nested")).isPresent();
            assertThat(changes.get()).isEqualTo(1);
            assertThat(store.version()).isEqualTo(1);
        }
    }

    @Test
    void providerKeyValuesStayInsideTheStore(@TempDir Path data) {
        try (Store store = Store.open(data)) {
            store.write(() -> store.providers().insert(draft("p")));
            var key = store.write(() -> store.providerKeys().insert("p", "k", null, null, "secret-value-42", ACTOR));
            assertThat(key.keyRedacted()).isEqualTo("sec***-42");
            assertThat(key.toString()).doesNotContain("secret-value-42");
            assertThat(store.providerKeys().allValues()).singleElement().satisfies(v -> {
                assertThat(v.value()).isEqualTo("secret-value-42");
                assertThat(v.toString()).doesNotContain("secret-value-42");
            });
        }
    }

    @Test
    void closeRunsHooksOnceAndIsIdempotent(@TempDir Path data) {
        Store store = Store.open(data);
        AtomicInteger hooks = new AtomicInteger();
        store.onClose(hooks::incrementAndGet);
        store.close();
        store.close();
        assertThat(hooks.get()).isEqualTo(1);
        assertThatThrownBy(() -> store.providers().listAll()).isInstanceOf(StoreException.class);
    }
}
