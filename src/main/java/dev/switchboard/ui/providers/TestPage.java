package dev.switchboard.ui.providers;

import dev.switchboard.viewmodel.providers.ModelList;
import dev.switchboard.viewmodel.providers.TestStep;
import dev.switchboard.viewmodel.providers.TestStep.Outcome;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Binds {@code wizard/TestPage.fxml} to {@link TestStep}. */
final class TestPage {
    private final TestStep step;
    private final ModelList models;
    final Parent root;

    @FXML private Label testModelLabel;
    @FXML private ComboBox<String> testModelBox;
    @FXML private Label testMessageLabel;
    @FXML private TextField testMessageField;
    @FXML Button testButton;
    @FXML private ProgressIndicator testProgress;
    @FXML private TextArea testResultArea;

    TestPage(TestStep step, ModelList models) {
        this.step = step;
        this.models = models;
        this.root = WizardViews.load("wizard/TestPage.fxml", this);
    }

    @FXML
    private void initialize() {
        ObservableList<String> choices = FXCollections.observableArrayList(models.selectedIds());
        models.selectedIdsProperty().addListener((o, a, b) -> choices.setAll(b));
        testModelBox.setItems(choices);
        testModelBox.valueProperty().bindBidirectional(step.modelProperty());
        testModelLabel.setLabelFor(testModelBox);
        testMessageLabel.setLabelFor(testMessageField);
        testMessageField.textProperty().bindBidirectional(step.messageProperty());
        testMessageField.setOnAction(e -> {
            step.run();
            e.consume();
        });
        testButton.setGraphic(new FontIcon(Feather.SEND));
        testButton.disableProperty().bind(step.outcomeProperty().isEqualTo(Outcome.RUNNING));
        testButton.setOnAction(e -> step.run());
        testProgress.visibleProperty().bind(step.outcomeProperty().isEqualTo(Outcome.RUNNING));
        testResultArea.textProperty().bind(step.resultProperty());
        testResultArea.setPromptText("The reply, or the exact error, shows here.");
        step.outcomeProperty().addListener((o, a, outcome) -> {
            testResultArea.getStyleClass().removeAll("test-reply", "test-error");
            if (outcome == Outcome.SUCCEEDED) {
                testResultArea.getStyleClass().add("test-reply");
            } else if (outcome == Outcome.FAILED) {
                testResultArea.getStyleClass().add("test-error");
            }
        });
    }
}
