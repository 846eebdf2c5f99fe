namespace CareBot.Care.Agents;

/// <summary>
/// What a console account may do: an agent works the cases of their queues (and acts only on cases they claimed); a
/// supervisor also acts on anyone's case in any queue; an admin may do everything a supervisor may (and, later, manage
/// accounts and scripts in the browser).
/// </summary>
public enum AgentRole
{
    Agent,
    Supervisor,
    Admin,
}
