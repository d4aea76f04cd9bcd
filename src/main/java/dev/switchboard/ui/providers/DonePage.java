package dev.switchboard.ui.providers;

import dev.switchboard.viewmodel.providers.ProviderWizardViewModel;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Binds {@code wizard/DonePage.fxml} to what the wizard created: the summary, the token shown once, a curl to try it. */
final class DonePage {
    private final ProviderWizardViewModel wizard;
    final Parent root;

    @FXML private Label doneSummaryLabel;
    @FXML private VBox tokenBox;
    @FXML private TextField tokenField;
    @FXML private Button copyTokenButton;
    @FXML private Button copyTryItButton;
    @FXML private TextArea tryItArea;

    DonePage(ProviderWizardViewModel wizard) {
        this.wizard = wizard;
        this.root = WizardViews.load("wizard/DonePage.fxml", this);
    }

    @FXML
    private void initialize() {
        doneSummaryLabel.textProperty().bind(wizard.doneSummaryProperty());
        WizardViews.showWhen(tokenBox, Bindings.isNotEmpty(wizard.createdTokenProperty()));
        tokenField.textProperty().bind(wizard.createdTokenProperty());
        copyTokenButton.setGraphic(new FontIcon(Feather.COPY));
        copyTokenButton.setOnAction(e -> WizardViews.copy(wizard.createdTokenProperty().get()));
        copyTryItButton.setGraphic(new FontIcon(Feather.COPY));
        copyTryItButton.setOnAction(e -> WizardViews.copy(wizard.tryItCommandProperty().get()));
        tryItArea.textProperty().bind(wizard.tryItCommandProperty());
    }
}
