namespace Portal.Provisioning.Redfish;

/// <summary>How the client proves itself to the BMC.</summary>
public enum RedfishAuth
{
    /// <summary>
    /// A Redfish session (POST to SessionService/Sessions, then X-Auth-Token): the password crosses the wire once,
    /// and the BMC can show and end the session.
    /// </summary>
    Session,

    /// <summary>HTTP Basic on every request: for BMCs whose session service is off or broken.</summary>
    Basic,
}
