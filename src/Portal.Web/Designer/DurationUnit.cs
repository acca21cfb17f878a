namespace Portal.Web.Designer;

/// <summary>The units a duration is entered in; the stored form is always a TimeSpan string, never a bare number.</summary>
public enum DurationUnit
{
    Seconds,
    Minutes,
    Hours,
    Days,
}
