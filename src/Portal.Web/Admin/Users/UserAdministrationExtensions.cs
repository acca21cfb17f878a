namespace Portal.Web.Admin.Users;

public static class UserAdministrationExtensions
{
    public static IServiceCollection AddUserAdministration(this IServiceCollection services) =>
        services.AddSingleton<UserAdministration>();
}
