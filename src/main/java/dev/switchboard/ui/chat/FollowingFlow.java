package dev.switchboard.ui.chat;

import java.util.function.BooleanSupplier;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;

/**
 * The transcript's flow. Asked to show the end, it puts the bottom of the last message at the bottom of the viewport
 * right after its own layout, when the cells have their heights for the current width and text: a scroll asked for
 * from the list's layout runs before the flow's and works on the cell heights of the frame before, which leaves the
 * end of a reply cut after it grew or the window narrowed.
 */
final class FollowingFlow<T extends IndexedCell<?>> extends VirtualFlow<T> {
    private static final int MAX_TRIES = 4;
    private final BooleanSupplier follow;
    private boolean endWanted;
    private int tries;

    FollowingFlow(BooleanSupplier follow) {
        this.follow = follow;
    }

    /** Shows the end after the next layout (and the few after it, until the end sits at the bottom). */
    void showEnd() {
        endWanted = true;
        tries = 0;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (!endWanted) {
            return;
        }
        if (!follow.getAsBoolean() || getCellCount() == 0) {
            endWanted = false;
            return;
        }
        int lastIndex = getCellCount() - 1;
        T last = getLastVisibleCell();
        if (last == null || last.getIndex() != lastIndex) {
            scrollTo(lastIndex);
            last = getVisibleCell(lastIndex);
        }
        if (last != null && last.getIndex() == lastIndex) {
            double below = belowViewport(last);
            if (below > 0.5) {
                scrollPixels(below);
            }
            if (belowViewport(last) <= 0.5) {
                endWanted = false;
                return;
            }
        }
        if (++tries >= MAX_TRIES) {
            endWanted = false;
        } else {
            // a layout asked for during this one is dropped when it ends: ask again after it
            javafx.application.Platform.runLater(this::requestLayout);
        }
    }

    /** How far the bottom of {@code cell} lies below the viewport's bottom (negative: above it). */
    private double belowViewport(T cell) {
        double viewport = getHeight() - (getHbar().isVisible() ? getHbar().getHeight() : 0);
        return cell.getLayoutY() + cell.getHeight() - viewport;
    }

    /** Whether the last message's bottom is in view (within a few pixels), or there is nothing to show. */
    boolean atEnd() {
        if (getCellCount() == 0) {
            return true;
        }
        T last = getLastVisibleCell();
        return last != null && last.getIndex() == getCellCount() - 1 && belowViewport(last) <= 4;
    }
}
