package dev.switchboard.ui.accesskeys;

import dev.switchboard.viewmodel.accesskeys.AllowlistEditor;
import dev.switchboard.viewmodel.accesskeys.AllowlistNode;
import java.util.IdentityHashMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.CheckBoxTreeItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.cell.CheckBoxTreeCell;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckTreeView;

/**
 * The providers-and-models tree of an {@link AllowlistEditor}: one row per provider with its models,
 * ticks going both ways, filtered by an optional text field. The configuration editor and the
 * "Create access key" dialog show the same tree.
 */
final class AllowlistTree {
    private final CheckTreeView<AllowlistNode> allowTree;
    private final AllowlistEditor allowlist;
    private final TextField filter;
    private final Map<AllowlistNode, CheckBoxTreeItem<AllowlistNode>> items = new IdentityHashMap<>();
    private boolean syncing;

    AllowlistTree(CheckTreeView<AllowlistNode> tree, AllowlistEditor allowlist, TextField filter) {
        this.allowTree = tree;
        this.allowlist = allowlist;
        this.filter = filter;
        tree.setCellFactory(tv -> new AllowlistCell());
        tree.setShowRoot(false);
        if (filter != null) {
            filter.textProperty().addListener((o, a, b) -> rebuildTree());
        }
        allowlist.roots().addListener((ListChangeListener<AllowlistNode>) c -> rebuildTree());
        allowlist.changesProperty().addListener((o, a, b) -> pushTickStates());
        rebuildTree();
    }

    private void rebuildTree() {
        items.clear();
        CheckBoxTreeItem<AllowlistNode> root = new CheckBoxTreeItem<>();
        String text = filter == null ? "" : filter.getText();
        for (AllowlistNode provider : allowlist.visibleRoots(text)) {
            CheckBoxTreeItem<AllowlistNode> branch = item(provider);
            branch.setExpanded(true);
            for (AllowlistNode model : allowlist.visibleChildren(provider, text)) {
                branch.getChildren().add(item(model));
            }
            root.getChildren().add(branch);
        }
        root.setExpanded(true);
        allowTree.setRoot(root);
    }

    private CheckBoxTreeItem<AllowlistNode> item(AllowlistNode node) {
        CheckBoxTreeItem<AllowlistNode> item = new CheckBoxTreeItem<>(node);
        item.setIndependent(true);
        item.setSelected(node.isChecked());
        item.setIndeterminate(node.isIndeterminate());
        item.selectedProperty().addListener((o, was, now) -> {
            if (!syncing) {
                allowlist.setChecked(node, now);
                Platform.runLater(this::pushTickStates);
            }
        });
        items.put(node, item);
        return item;
    }

    private void pushTickStates() {
        syncing = true;
        try {
            items.forEach((node, item) -> {
                item.setSelected(node.isChecked());
                item.setIndeterminate(node.isIndeterminate());
            });
        } finally {
            syncing = false;
        }
    }

    /** A tree row: greyed while a switch covers it, marked when it no longer exists. */
    private static final class AllowlistCell extends CheckBoxTreeCell<AllowlistNode> {
        AllowlistCell() {
            super(item -> ((CheckBoxTreeItem<AllowlistNode>) item).selectedProperty(), new StringConverter<TreeItem<AllowlistNode>>() {
                @Override
                public String toString(TreeItem<AllowlistNode> item) {
                    return item == null || item.getValue() == null ? "" : item.getValue().label();
                }

                @Override
                public TreeItem<AllowlistNode> fromString(String s) {
                    return null;
                }
            });
        }

        @Override
        public void updateItem(AllowlistNode node, boolean empty) {
            super.updateItem(node, empty);
            disableProperty().unbind();
            getStyleClass().removeAll("missing", "provider-row");
            if (empty || node == null) {
                setDisable(false);
                return;
            }
            disableProperty().bind(node.editableProperty().not());
            if (node.isMissing()) {
                getStyleClass().add("missing");
            }
            if (node.isProvider()) {
                getStyleClass().add("provider-row");
            }
        }
    }
}
