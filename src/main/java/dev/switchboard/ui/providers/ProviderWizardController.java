package dev.switchboard.ui.providers;

import dev.switchboard.viewmodel.providers.ProviderWizardViewModel;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel.Kind;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel.Page;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The wizard's frame (title, steps, the current page, the page's error, Back / Next) and its Kind page,
 * bound to {@link ProviderWizardViewModel}; every other page has its own view ({@code wizard/*.fxml} with
 * a small class bound to that page's view-model). Enter is Next; Esc is Cancel, which asks first when
 * anything was entered.
 */
public final class ProviderWizardController {
    private final ProviderWizardViewModel vm;
    private final Map<Page, Parent> pages = new EnumMap<>(Page.class);
    private final Map<Page, Node> firstFields = new EnumMap<>(Page.class);
    private Runnable close = () -> { };

    @FXML private Parent root;
    @FXML private HBox stepsBox;
    @FXML private ScrollPane scroll;
    @FXML private StackPane pageHolder;
    @FXML private Label errorLabel;
    @FXML private Button cancelButton;
    @FXML private Button backButton;
    @FXML private Button nextButton;
    @FXML private ToggleButton localCard;
    @FXML private ToggleButton externalCard;
    @FXML private Label localTitle;
    @FXML private Label externalTitle;

    private ProviderWizardController(ProviderWizardViewModel vm) {
        this.vm = vm;
    }

    /** Loads the frame and every page, bound to {@code vm}. */
    public static ProviderWizardController load(ProviderWizardViewModel vm) {
        ProviderWizardController c = new ProviderWizardController(vm);
        c.root = WizardViews.load("ProviderWizard.fxml", c);
        c.pages.put(Page.KIND, WizardViews.load("wizard/KindPage.fxml", c));
        FindServerPage find = new FindServerPage(vm.findServer(), vm.models(), vm.providerKeyProperty());
        ExternalUrlPage external = new ExternalUrlPage(vm.externalUrl(), vm.models(), vm.providerKeyProperty());
        DetailsPage details = new DetailsPage(vm.details(), vm.models(), vm.createdProviderProperty().isNotNull());
        TestPage test = new TestPage(vm.test(), vm.models());
        AccessPage access = new AccessPage(vm.access());
        c.pages.put(Page.FIND_SERVER, find.root);
        c.pages.put(Page.EXTERNAL_URL, external.root);
        c.pages.put(Page.DETAILS, details.root);
        c.pages.put(Page.REACH, new ReachPage(vm.reach()).root);
        c.pages.put(Page.TEST, test.root);
        c.pages.put(Page.ACCESS, access.root);
        c.pages.put(Page.REVIEW, new ReviewPage(vm).root);
        c.pages.put(Page.DONE, new DonePage(vm).root);
        c.firstFields.put(Page.FIND_SERVER, find.scanList);
        c.firstFields.put(Page.EXTERNAL_URL, external.baseUrlField);
        c.firstFields.put(Page.DETAILS, details.providerIdField);
        c.firstFields.put(Page.TEST, test.testButton);
        c.firstFields.put(Page.ACCESS, access.configurationsList);
        c.bind();
        return c;
    }

    public Parent root() {
        return root;
    }

    public Parent page(Page page) {
        return pages.get(page);
    }

    /** What Cancel (once confirmed) and Close do: the page that shows the wizard removes it. */
    public void setOnClose(Runnable close) {
        this.close = close;
    }

    private void bind() {
        root.setUserData(vm);
        bindFrame();
        bindKind();
        showPage(vm.getPage());
    }

    private void bindFrame() {
        vm.pageProperty().addListener((o, a, page) -> showPage(page));
        vm.kindProperty().addListener((o, a, b) -> rebuildSteps());
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.visibleProperty().bind(Bindings.isNotEmpty(vm.errorProperty()));
        errorLabel.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        backButton.disableProperty().bind(vm.canGoBackProperty().not());
        nextButton.disableProperty().bind(vm.canGoNextProperty().not());
        nextButton.textProperty().bind(Bindings.concat("_", vm.nextLabelProperty()));
        nextButton.getStyleClass().add("accent");
        nextButton.setOnAction(e -> {
            if (vm.getPage() == Page.DONE) {
                close.run();
            } else {
                vm.next();
            }
        });
        backButton.setOnAction(e -> vm.back());
        cancelButton.setOnAction(e -> cancel());
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                cancel();
            }
        });
        WizardViews.showWhen(cancelButton, vm.pageProperty().isNotEqualTo(Page.DONE));
        WizardViews.showWhen(backButton, vm.pageProperty().isNotEqualTo(Page.DONE));
    }

    /** Esc and Cancel: closes at once when nothing was entered, else asks first. */
    private void cancel() {
        if (vm.getPage() == Page.DONE || vm.requestCancel()) {
            close.run();
        }
    }

    private void showPage(Page page) {
        pageHolder.getChildren().setAll(pages.get(page));
        scroll.setVvalue(0);
        rebuildSteps();
        Node first = page == Page.KIND ? (vm.kindProperty().get() == Kind.EXTERNAL ? externalCard : localCard)
                : firstFields.getOrDefault(page, nextButton);
        Platform.runLater(() -> Optional.ofNullable(first).ifPresent(Node::requestFocus));
    }

    private void rebuildSteps() {
        List<Page> steps = vm.steps();
        int current = steps.indexOf(vm.getPage());
        stepsBox.getChildren().clear();
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) {
                Label sep = new Label("›");
                sep.getStyleClass().add("wizard-step-separator");
                stepsBox.getChildren().add(sep);
            }
            Label step = new Label((i + 1) + " " + steps.get(i).title());
            step.getStyleClass().add("wizard-step");
            step.setMinWidth(Label.USE_PREF_SIZE);
            if (i == current) {
                step.getStyleClass().add("current");
            } else if (i < current || vm.getPage() == Page.DONE) {
                step.getStyleClass().add("done");
            }
            stepsBox.getChildren().add(step);
        }
        if (vm.kindProperty().get() == null) {
            Label more = new Label("› …");
            more.getStyleClass().add("wizard-step-separator");
            stepsBox.getChildren().add(more);
        }
    }

    private void bindKind() {
        ToggleGroup group = new ToggleGroup();
        localCard.setToggleGroup(group);
        externalCard.setToggleGroup(group);
        localTitle.setLabelFor(localCard);
        externalTitle.setLabelFor(externalCard);
        Runnable fromVm = () -> {
            Kind k = vm.kindProperty().get();
            localCard.setSelected(k == Kind.LOCAL);
            externalCard.setSelected(k == Kind.EXTERNAL);
        };
        vm.kindProperty().addListener((o, a, b) -> fromVm.run());
        fromVm.run();
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == localCard) {
                vm.kindProperty().set(Kind.LOCAL);
            } else if (b == externalCard) {
                vm.kindProperty().set(Kind.EXTERNAL);
            } else {
                fromVm.run();
            }
        });
        for (ToggleButton card : List.of(localCard, externalCard)) {
            // A focused toggle would take Enter for itself: on the cards, Enter picks the card and goes Next.
            card.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == KeyCode.ENTER) {
                    card.setSelected(true);
                    vm.next();
                    e.consume();
                }
            });
            card.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                    vm.next();
                }
            });
        }
    }
}
