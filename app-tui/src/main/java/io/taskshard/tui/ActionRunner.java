package io.taskshard.tui;

import io.taskshard.client.ApiException;
import io.taskshard.client.ClientException;
import io.taskshard.client.ConnectionException;
import io.taskshard.client.OperatorClient;
import io.taskshard.client.TaskDetail;
import io.taskshard.model.JobRecord;
import io.taskshard.model.PeerRecord;
import io.taskshard.tui.state.Action;
import io.taskshard.tui.state.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one operator command and words the coordinator's answer for the status line: what
 * changed, or the refusal verbatim ({@link ApiException#serverMessage()}). Blocks: run it off
 * the UI thread.
 */
final class ActionRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);

    private ActionRunner() {
    }

    static Message run(OperatorClient client, Action action) {
        try {
            Message answer = send(client, action);
            LOG.info("operator command '{}': {}", action.describe(), answer.text());
            return answer;
        } catch (ApiException e) {
            LOG.info("operator command '{}' refused: {}", action.describe(), e.getMessage());
            return Message.error("refused: " + e.serverMessage() + " (" + e.status() + " " + e.code() + ")");
        } catch (ConnectionException e) {
            LOG.warn("operator command '{}' got no answer", action.describe(), e);
            return Message.error("no answer to '" + action.describe() + "': " + e.getMessage());
        } catch (ClientException e) {
            LOG.warn("operator command '{}': unreadable answer", action.describe(), e);
            return Message.error("'" + action.describe() + "' failed: " + e.getMessage());
        }
    }

    private static Message send(OperatorClient client, Action action) {
        return switch (action) {
            case Action.Reassign a -> {
                TaskDetail d = client.reassign(a.task(), a.peer(), a.confirmRunning());
                yield ok("reassigned " + a.taskId() + " to " + a.peer() + ": now " + d.task().task().state().wire()
                        + ", only " + a.peer() + " may take it");
            }
            case Action.Retry a -> ok("retry " + a.taskId() + ": now " + client.retry(a.task(), a.confirmRunning()).task().task().state()
                    .wire());
            case Action.CancelTask a -> ok("cancel " + a.taskId() + ": now " + client.cancelTask(a.task()).task()
                    .task().state().wire());
            case Action.SetPriority a -> ok("priority of " + a.taskId() + " is now "
                    + client.setPriority(a.task(), a.priority()).task().task().priority());
            case Action.CancelJob a -> {
                JobRecord job = client.cancelJob(a.jobId());
                yield ok("job " + job.id() + " is now " + job.state().wire());
            }
            case Action.Drain a -> {
                PeerRecord p = a.drain() ? client.drain(a.peer()) : client.undrain(a.peer());
                yield ok("peer " + p.id() + (p.draining() ? " is draining: it finishes what it runs and gets nothing new"
                        : " takes work again"));
            }
            case Action.Quit q -> throw new IllegalArgumentException("quit is not an operator command");
        };
    }

    private static Message ok(String text) {
        return new Message(text, Message.Kind.OK);
    }
}
