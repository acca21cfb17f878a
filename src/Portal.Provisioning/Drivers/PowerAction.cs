namespace Portal.Provisioning.Drivers;

public enum PowerAction
{
    On,
    Off,
    Restart,
}
