package dev.switchboard.ui.shell;

import dev.switchboard.ui.ViewLoader;
import dev.switchboard.viewmodel.AppContext;
import java.util.Objects;
import java.util.function.Function;
import javafx.scene.Parent;
import org.kordamp.ikonli.Ikon;

/**
 * One entry of the sidebar: plain data. {@code title} may hold a mnemonic ({@code "_Providers"});
 * {@code view} builds the page the first time it is shown.
 */
public record Page(String id, String title, Ikon icon, Function<AppContext, Parent> view) {
    public Page {
        Objects.requireNonNull(id);
        Objects.requireNonNull(title);
        Objects.requireNonNull(icon);
        Objects.requireNonNull(view);
    }

    /** A page whose view is an FXML file under {@code dev/switchboard/ui/}. */
    public static Page fxml(String id, String title, Ikon icon, String fxmlPath) {
        return new Page(id, title, icon, context -> ViewLoader.load(fxmlPath, context));
    }

    /** The title without the mnemonic marker. */
    public String plainTitle() {
        return title.replace("_", "");
    }
}
