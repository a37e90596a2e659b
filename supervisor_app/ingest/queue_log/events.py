"""The queue_log events this reader knows, and what each one means for a call or an agent.

Field positions follow Asterisk's "Queue Logs" documentation
(docs/Operation/Logging/Queue-Logs.md) and ``apps/app_queue.c``.
"""

from __future__ import annotations

from supervisor_app.domain.enums import Outcome

ENTERQUEUE = "ENTERQUEUE"  # url|callerid[|position]
CONNECT = "CONNECT"  # holdtime|bridged uniqueid|ringtime
RINGNOANSWER = "RINGNOANSWER"  # ringtime (ms)
RINGCANCELED = "RINGCANCELED"  # ringtime (ms), Asterisk 15+

# Events that end a call's stay in a queue, with the outcome they give it.
CALL_ENDS: dict[str, Outcome] = {
    "COMPLETEAGENT": Outcome.ANSWERED,  # holdtime|calltime|origposition
    "COMPLETECALLER": Outcome.ANSWERED,
    "TRANSFER": Outcome.TRANSFERRED,  # extension|context|holdtime|calltime|origposition
    "BLINDTRANSFER": Outcome.TRANSFERRED,  # same fields, Asterisk 12+
    "ATTENDEDTRANSFER": Outcome.TRANSFERRED,  # method|method data|holdtime|calltime|origpos
    "ABANDON": Outcome.ABANDONED,  # position|origposition|waittime
    "EXITWITHKEY": Outcome.ABANDONED,  # key|position|origposition|waittime: the caller chose
    "EXITWITHTIMEOUT": Outcome.TIMED_OUT,  # position|origposition|waittime
    "EXITEMPTY": Outcome.TIMED_OUT,  # position|origposition|waittime: no agents left
}
# For a call whose ENTERQUEUE was not read: the data fields holding hold (or waiting)
# time and talk time, to work its arrival and answer back from the end.
HOLD_FIELD = {
    "CONNECT": 1,
    "COMPLETEAGENT": 1,
    "COMPLETECALLER": 1,
    "TRANSFER": 3,
    "BLINDTRANSFER": 3,
    "ATTENDEDTRANSFER": 3,
    "ABANDON": 3,
    "EXITWITHTIMEOUT": 3,
    "EXITEMPTY": 3,
    "EXITWITHKEY": 4,
}
TALK_FIELD = {
    "COMPLETEAGENT": 2,
    "COMPLETECALLER": 2,
    "TRANSFER": 4,
    "BLINDTRANSFER": 4,
    "ATTENDEDTRANSFER": 4,
}

LOGINS = frozenset({"AGENTLOGIN", "AGENTCALLBACKLOGIN", "ADDMEMBER"})
LOGOFFS = frozenset({"AGENTLOGOFF", "AGENTCALLBACKLOGOFF"})
REMOVEMEMBER = "REMOVEMEMBER"
PAUSES = frozenset({"PAUSE", "PAUSEALL"})  # reason
UNPAUSES = frozenset({"UNPAUSE", "UNPAUSEALL"})
# Known, and counted, but they change no call or agent here.
NO_EFFECT = frozenset({"QUEUESTART", "CONFIGRELOAD", "DID", "SYSCOMPAT", "AGENTDUMP"})

KNOWN = frozenset(
    {ENTERQUEUE, CONNECT, RINGNOANSWER, RINGCANCELED, REMOVEMEMBER}
    | set(CALL_ENDS)
    | LOGINS
    | LOGOFFS
    | PAUSES
    | UNPAUSES
    | NO_EFFECT
)
# Asterisk's placeholder for "no call / no queue / no agent".
NONE = "NONE"
