package dev.switchboard.viewmodel.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.diagnose.StepId;
import dev.switchboard.diagnose.StepResult;
import dev.switchboard.diagnose.StepStatus;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** A step card listens to its row's evidence once, when it is made, and must still hear it after a GC. */
class StepRowTest {
    @Test
    void aListenerOnTheEvidenceOutlivesAGarbageCollection() throws Exception {
        StepRow row = new StepRow(StepId.ACCESS);
        List<String> heard = new ArrayList<>();
        row.evidence().addListener((ListChangeListener<String>) c -> heard.add(String.join("|", c.getList())));

        collectGarbage();
        row.finish(new StepResult(StepId.ACCESS, StepStatus.FAILED,
                "The key 'ci-bot' is not allowed to call provider my-workstation-vllm",
                List.of("configuration 'staging': access.providers.allow [\"team-openai-proxy\"]"), null));

        assertThat(heard).containsExactly("configuration 'staging': access.providers.allow [\"team-openai-proxy\"]");
        assertThat(row.evidence()).isSameAs(row.evidence());
    }

    private static void collectGarbage() throws InterruptedException {
        WeakReference<Object> probe = new WeakReference<>(new Object());
        for (int i = 0; i < 50 && probe.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        System.gc();
    }
}
