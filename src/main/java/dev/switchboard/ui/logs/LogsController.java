package dev.switchboard.ui.logs;

import dev.switchboard.ui.TableColumns;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.logs.LogCharts;
import dev.switchboard.viewmodel.logs.LogRow;
import dev.switchboard.viewmodel.logs.LogsViewModel;
import dev.switchboard.viewmodel.logs.KeyChoice;
import dev.switchboard.viewmodel.logs.StatusFilter;
import dev.switchboard.viewmodel.logs.TimeRange;
import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Binds the Logs view to {@link LogsViewModel}. */
public final class LogsController {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private final LogsViewModel viewModel;
    private AppContext context;

    @FXML private VBox root;
    @FXML private Label statusLabel;
    @FXML private ComboBox<KeyChoice> keyFilter;
    @FXML private ComboBox<String> providerFilter;
    @FXML private ComboBox<StatusFilter> statusFilter;
    @FXML private ComboBox<TimeRange> timeRange;
    @FXML private CheckBox liveToggle;
    @FXML private Button refreshButton;
    @FXML private Button exportButton;
    @FXML private TableView<LogRow> table;
    @FXML private TableColumn<LogRow, String> timeColumn;
    @FXML private TableColumn<LogRow, String> keyColumn;
    @FXML private TableColumn<LogRow, String> modelColumn;
    @FXML private TableColumn<LogRow, String> statusColumn;
    @FXML private TableColumn<LogRow, String> attemptsColumn;
    @FXML private TableColumn<LogRow, String> latencyColumn;
    @FXML private TableColumn<LogRow, String> ttftColumn;
    @FXML private TableColumn<LogRow, String> tokensColumn;
    @FXML private javafx.scene.control.ScrollPane detailScroll;
    @FXML private Label chartsEmpty;
    @FXML private javafx.scene.control.ScrollPane chartsBox;
    private final RequestDetailView detailView = new RequestDetailView();
    @FXML private LineChart<String, Number> latencyChart;
    @FXML private BarChart<String, Number> providerChart;
    @FXML private BarChart<String, Number> tokensChart;

    public LogsController(AppContext context) {
        this(LogsViewModel.of(context));
        this.context = context;
    }

    public LogsController(LogsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    public LogsViewModel viewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        root.setUserData(viewModel);
        statusLabel.textProperty().bind(viewModel.statusProperty());

        TableColumns.fullTextButtonCell(keyFilter);
        TableColumns.fullTextButtonCell(providerFilter);
        keyFilter.setItems(viewModel.keyChoices());
        keyFilter.valueProperty().bindBidirectional(viewModel.keyFilterProperty());
        providerFilter.setItems(viewModel.providerChoices());
        providerFilter.valueProperty().bindBidirectional(viewModel.providerFilterProperty());
        statusFilter.getItems().setAll(StatusFilter.values());
        statusFilter.valueProperty().bindBidirectional(viewModel.statusFilterProperty());
        timeRange.getItems().setAll(TimeRange.values());
        timeRange.valueProperty().bindBidirectional(viewModel.timeRangeProperty());
        liveToggle.selectedProperty().bindBidirectional(viewModel.liveProperty());
        refreshButton.setOnAction(e -> viewModel.reload());
        refreshButton.disableProperty().bind(viewModel.loadingProperty());
        exportButton.setOnAction(e -> export());

        ZoneId zone = ZoneId.systemDefault();
        column(timeColumn, r -> TIME.format(r.time().atZone(zone)));
        column(keyColumn, r -> r.keyName() != null ? r.keyName() : r.accessKeyId() != null ? r.accessKeyId() : "—");
        TableColumns.idText(modelColumn, LogRow::modelRef);
        column(statusColumn, LogRow::statusText);
        column(attemptsColumn, r -> Integer.toString(r.attempts()));
        column(latencyColumn, r -> r.latencyMs() + " ms");
        column(ttftColumn, r -> r.ttftMs() == null ? "" : r.ttftMs() + " ms");
        column(tokensColumn, LogRow::tokensText);
        TableColumns.fitHeaders(table);
        TableColumns.fitValue(timeColumn, "00:00:00");
        TableColumns.fitValue(statusColumn, "no answer");
        statusColumn.setCellFactory(c -> new TableColumns.FullTextCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("status-ok", "status-error", "status-stopped");
                LogRow row = empty ? null : getTableRow().getItem();
                if (row != null) {
                    getStyleClass().add(row.stopped() ? "status-stopped" : row.error() ? "status-error" : "status-ok");
                }
            }
        });
        table.setItems(viewModel.visibleRows());
        // the short values keep the width they need, no more, so the access key and the model get the rest
        for (TableColumn<LogRow, String> shortValues : List.of(timeColumn, statusColumn, attemptsColumn, latencyColumn, ttftColumn, tokensColumn)) {
            TableColumns.fitWidestValue(table, shortValues, 0.16, false);
        }
        if (context != null) {
            dev.switchboard.ui.diagnose.DiagnoseActions.addTo(table, "diagnose-log-row", context, LogRow::error,
                    r -> dev.switchboard.viewmodel.diagnose.DiagnoseTarget.fromLog(r.modelRef(), r.accessKeyId(),
                            r.events().get(r.events().size() - 1).clientSurface()));
        }
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> viewModel.selectedProperty().set(row));
        detailScroll.setContent(detailView);
        viewModel.selectedProperty().addListener((o, a, row) -> detailView.show(viewModel.detail(row)));

        viewModel.chartsProperty().addListener((o, a, charts) -> showCharts(charts, zone));
        showCharts(viewModel.chartsProperty().get(), zone);

        // Poll only while the page is on screen.
        root.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                viewModel.reload();
                viewModel.startLive();
            } else {
                viewModel.stopLive();
            }
        });
    }

    private static void column(TableColumn<LogRow, String> column, Function<LogRow, String> text) {
        TableColumns.text(column, text);
    }

    private void showCharts(LogCharts charts, ZoneId zone) {
        chartsEmpty.setVisible(charts.isEmpty());
        chartsBox.setVisible(!charts.isEmpty());
        XYChart.Series<String, Number> p50 = new XYChart.Series<>();
        p50.setName("p50");
        XYChart.Series<String, Number> p95 = new XYChart.Series<>();
        p95.setName("p95");
        for (LogCharts.LatencyPoint p : charts.latencyPerMinute()) {
            String minute = MINUTE.format(p.minute().atZone(zone));
            p50.getData().add(new XYChart.Data<>(minute, p.p50()));
            p95.getData().add(new XYChart.Data<>(minute, p.p95()));
        }
        latencyChart.getData().setAll(java.util.List.of(p50, p95));

        XYChart.Series<String, Number> requests = new XYChart.Series<>();
        requests.setName("requests");
        XYChart.Series<String, Number> errors = new XYChart.Series<>();
        errors.setName("errors");
        XYChart.Series<String, Number> stopped = new XYChart.Series<>();
        stopped.setName("stopped by the client");
        for (LogCharts.ProviderCounts c : charts.perProvider()) {
            requests.getData().add(new XYChart.Data<>(c.provider(), c.requests()));
            errors.getData().add(new XYChart.Data<>(c.provider(), c.errors()));
            stopped.getData().add(new XYChart.Data<>(c.provider(), c.stopped()));
        }
        providerChart.getData().setAll(java.util.List.of(requests, errors, stopped));

        XYChart.Series<String, Number> in = new XYChart.Series<>();
        in.setName("input");
        XYChart.Series<String, Number> out = new XYChart.Series<>();
        out.setName("output");
        for (LogCharts.KeyTokens k : charts.tokensPerKey()) {
            in.getData().add(new XYChart.Data<>(k.key(), k.inputTokens()));
            out.getData().add(new XYChart.Data<>(k.key(), k.outputTokens()));
        }
        tokensChart.getData().setAll(java.util.List.of(in, out));
    }

    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export requests as CSV");
        chooser.setInitialFileName("switchboard-requests.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            viewModel.exportCsv(file.toPath());
        }
    }
}
