package dev.switchboard.ui.providers;

import dev.switchboard.viewmodel.providers.ProviderWizardViewModel;
import dev.switchboard.viewmodel.providers.ReviewStep;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Binds {@code wizard/ReviewPage.fxml} to {@link ReviewStep}. */
final class ReviewPage {
    private final ProviderWizardViewModel wizard;
    private final ReviewStep step;
    final Parent root;

    @FXML private ProgressIndicator createProgress;
    @FXML private Label planLabel;
    @FXML private TextArea jsonArea;
    @FXML private Button copyCurlButton;
    @FXML private TextArea curlArea;

    ReviewPage(ProviderWizardViewModel wizard) {
        this.wizard = wizard;
        this.step = wizard.review();
        this.root = WizardViews.load("wizard/ReviewPage.fxml", this);
    }

    @FXML
    private void initialize() {
        createProgress.visibleProperty().bind(wizard.creatingProperty());
        planLabel.textProperty().bind(step.planProperty());
        jsonArea.textProperty().bind(step.requestJsonProperty());
        curlArea.textProperty().bind(step.curlCommandProperty());
        copyCurlButton.setGraphic(new FontIcon(Feather.COPY));
        copyCurlButton.setOnAction(e -> WizardViews.copy(step.curlCommandProperty().get()));
    }
}
