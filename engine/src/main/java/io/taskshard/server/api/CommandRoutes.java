package io.taskshard.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.taskshard.auth.Principal;
import io.taskshard.coordinator.Coordinator;
import io.taskshard.coordinator.ReadModel;
import io.taskshard.model.JobRecord;
import io.taskshard.model.ResourceClasses;
import io.taskshard.scheduler.Decision;
import io.taskshard.scheduler.OperatorCommand;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's commands ({@code POST /api/v1/...}). Each one is an event through the
 * coordinator loop: it is decided by the scheduler, committed, audited and seen in the event
 * stream like anything else; the HTTP answer is the scheduler's reply, plus the entity's state
 * after the command (the read model has it, since listeners run before replies go out).
 */
final class CommandRoutes {
    /** How long a request waits for the coordinator's reply before answering 503. */
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** Who commands while auth is off; with auth on, the audit names the token. */
    static final String DEFAULT_ACTOR = "operator";

    /**
     * Body field of retry and reassign: the operator saw the task running and confirmed restarting
     * it. Without it a running task is refused with 409 {@code conflict}.
     */
    static final String CONFIRM_RUNNING = "confirmRunning";

    private static final Logger log = LoggerFactory.getLogger(CommandRoutes.class);

    private final Coordinator coordinator;
    private final ReadModel readModel;
    private final Duration timeout;
    private final ResourceClasses resourceClasses;
    private final TaskResolver tasks;

    CommandRoutes(Coordinator coordinator, ReadModel readModel, TaskResolver tasks, Duration timeout,
                  ResourceClasses resourceClasses) {
        this.coordinator = coordinator;
        this.readModel = readModel;
        this.tasks = tasks;
        this.timeout = timeout;
        this.resourceClasses = resourceClasses;
    }

    void register(RoutesConfig routes, String base) {
        routes.post(base + "/tasks/{id}/reassign", ctx -> {
            long uid = tasks.resolve(ctx).uid();
            RequestBody body = RequestBody.parse(ctx.body(), Set.of("peer", CONFIRM_RUNNING));
            taskCommand(ctx, uid, new OperatorCommand.Reassign(uid, body.requiredString("peer"),
                    body.optionalBoolean(CONFIRM_RUNNING)));
        });
        routes.post(base + "/tasks/{id}/retry", ctx -> {
            long uid = tasks.resolve(ctx).uid();
            boolean confirm = RequestBody.parse(ctx.body(), Set.of(CONFIRM_RUNNING)).optionalBoolean(CONFIRM_RUNNING);
            taskCommand(ctx, uid, new OperatorCommand.Retry(uid, confirm));
        });
        routes.post(base + "/tasks/{id}/cancel", ctx -> {
            long uid = tasks.resolve(ctx).uid();
            RequestBody.parse(ctx.body(), Set.of());
            taskCommand(ctx, uid, new OperatorCommand.CancelTask(uid));
        });
        routes.post(base + "/tasks/{id}/priority", ctx -> {
            long uid = tasks.resolve(ctx).uid();
            int priority = RequestBody.parse(ctx.body(), Set.of("priority")).requiredInt("priority");
            taskCommand(ctx, uid, new OperatorCommand.SetPriority(uid, priority));
        });
        routes.post(base + "/jobs/{id}/cancel", ctx -> {
            long jobId = ReadRoutes.jobId(ctx);
            RequestBody.parse(ctx.body(), Set.of());
            run(ctx, new OperatorCommand.CancelJob(jobId), 200, reply -> {
                Map<String, Object> out = new LinkedHashMap<>();
                readModel.job(jobId).ifPresent(j -> out.put("job", ApiViews.JobJson.of(j)));
                return out;
            });
        });
        routes.post(base + "/peers/{id}/drain", ctx -> drain(ctx, true));
        routes.post(base + "/peers/{id}/undrain", ctx -> drain(ctx, false));
        routes.post(base + "/jobs", ctx -> {
            OperatorCommand.Submit submit = SubmitRequest.parse(ctx.body(), resourceClasses);
            run(ctx, submit, 201, this::submitted);
        });
    }

    private void drain(Context ctx, boolean drain) {
        String peer = ctx.pathParam("id");
        RequestBody.parse(ctx.body(), Set.of());
        run(ctx, new OperatorCommand.Drain(peer, drain), 200, reply -> {
            Map<String, Object> out = new LinkedHashMap<>();
            readModel.peer(peer).ifPresent(p -> out.put("peer", ApiViews.PeerJson.of(p)));
            return out;
        });
    }

    private void taskCommand(Context ctx, long uid, OperatorCommand command) {
        run(ctx, command, 200, reply -> {
            Map<String, Object> out = new LinkedHashMap<>();
            readModel.task(uid).ifPresent(t -> out.put("task", tasks.detail(t)));
            return out;
        });
    }

    /** The reply of a submit names the new job: a JobRecord, or its id. */
    private Map<String, Object> submitted(Decision.Reply reply) {
        Map<String, Object> out = new LinkedHashMap<>();
        Long jobId = switch (reply.body()) {
            case JobRecord j -> j.id();
            case Number n -> n.longValue();
            case Map<?, ?> m when m.get("id") instanceof Number n -> n.longValue();
            case Map<?, ?> m when m.get("job") instanceof Number n -> n.longValue();
            case null, default -> null;
        };
        if (jobId != null) {
            readModel.job(jobId).ifPresentOrElse(
                    j -> out.put("job", ApiViews.JobJson.of(j)), () -> out.put("jobId", jobId));
        } else if (reply.body() != null) {
            out.put("result", reply.body());
        }
        return out;
    }

    @FunctionalInterface
    interface SuccessBody {
        Map<String, Object> of(Decision.Reply reply);
    }

    /** Runs a command through the loop and answers with its reply (bounded wait). */
    void run(Context ctx, OperatorCommand command, int successStatus, SuccessBody body) {
        Decision.Reply reply = await(coordinator.command(actor(ctx), command), command);
        if (reply.status() >= 400) {
            String code = reply.error() == null ? "refused" : reply.error();
            String message = reply.message() == null ? "the scheduler refused " + describe(command) : reply.message();
            throw new ApiException(reply.status(), code, message);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", true);
        out.putAll(body.of(reply));
        ReadRoutes.json(ctx, reply.status() == 200 ? successStatus : reply.status(), out);
    }

    /** The token's name the auth gate found, else {@link #DEFAULT_ACTOR}. */
    static String actor(Context ctx) {
        Principal p = ctx.attribute(Principal.ATTRIBUTE);
        return p == null || p.name() == null ? DEFAULT_ACTOR : p.name();
    }

    private Decision.Reply await(CompletableFuture<Decision.Reply> future, OperatorCommand command) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(503, ApiException.UNAVAILABLE, "the coordinator did not answer "
                    + describe(command) + " within " + timeout.toSeconds() + " s; it may still take effect");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, ApiException.UNAVAILABLE, "interrupted while waiting for the coordinator");
        } catch (ExecutionException e) {
            // The coordinator logged scheduler failures with their stack; a stopped loop is no bug.
            log.warn("operator command {} failed in the coordinator: {}", command, e.getCause().toString());
            throw new ApiException(503, ApiException.UNAVAILABLE,
                    "the coordinator could not carry out " + describe(command) + ": " + e.getCause().getMessage());
        }
    }

    private static String describe(OperatorCommand command) {
        return switch (command) {
            case OperatorCommand.Reassign c -> "reassign of task " + c.taskUid() + " to peer " + c.peer();
            case OperatorCommand.Retry c -> "retry of task " + c.taskUid();
            case OperatorCommand.CancelTask c -> "cancel of task " + c.taskUid();
            case OperatorCommand.CancelJob c -> "cancel of job " + c.jobId();
            case OperatorCommand.Drain c -> (c.drain() ? "drain" : "undrain") + " of peer " + c.peer();
            case OperatorCommand.SetPriority c -> "priority change of task " + c.taskUid();
            case OperatorCommand.Submit c -> "submit of '" + c.schema().name() + "'";
            case OperatorCommand.AddSchedule c -> "adding schedule '" + c.name() + "'";
            case OperatorCommand.RemoveSchedule c -> "removal of schedule " + c.scheduleId();
        };
    }
}
