package dev.switchboard.ui.providers;

import dev.switchboard.ui.FieldDecorations;
import dev.switchboard.viewmodel.providers.ReachStep;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Binds {@code wizard/ReachPage.fxml} to {@link ReachStep}. */
final class ReachPage {
    private final ReachStep step;
    final Parent root;

    @FXML private Label reachModeLabel;
    @FXML private Label reachExplanationLabel;
    @FXML private VBox hostedBox;
    @FXML private TextField ngrokField;
    @FXML private Button copyNgrokButton;
    @FXML private TextField reachBaseUrlField;
    @FXML private Label reachMessage;

    ReachPage(ReachStep step) {
        this.step = step;
        this.root = WizardViews.load("wizard/ReachPage.fxml", this);
    }

    @FXML
    private void initialize() {
        boolean hosted = step.hosted();
        reachModeLabel.setText(hosted ? "The console drives the hosted gateway" : "The console drives the embedded gateway");
        reachExplanationLabel.setText(step.explanation());
        hostedBox.setVisible(hosted);
        hostedBox.setManaged(hosted);
        ngrokField.textProperty().bind(step.ngrokCommandProperty());
        copyNgrokButton.setGraphic(new FontIcon(Feather.COPY));
        copyNgrokButton.setOnAction(e -> WizardViews.copy(step.ngrokCommandProperty().get()));
        reachBaseUrlField.textProperty().bind(step.baseUrlProperty());
        FieldDecorations.decorate(reachBaseUrlField, reachMessage, step.baseUrlValidator());
    }
}
