namespace FinanceMatch.Core.Identity;

public enum Role
{
    Operator,
    Bank,
    Department,
    Enterprise,
}
