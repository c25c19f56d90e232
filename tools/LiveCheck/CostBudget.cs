namespace ImageAdapter.LiveCheck;

/// <summary>
/// Keeps the run within its budget: each call's estimate is reserved before the call and refused when it would pass
/// what is left. A call Fireworks refuses (no 2xx) generated nothing, so its reservation is given back.
/// </summary>
internal sealed class CostBudget(decimal limit)
{
    public decimal Limit { get; } = limit;

    public decimal Spent { get; private set; }

    public decimal Remaining => Limit - Spent;

    public bool TryReserve(decimal estimate)
    {
        if (estimate > Remaining)
        {
            return false;
        }

        Spent += estimate;
        return true;
    }

    public void Refund(decimal estimate) => Spent -= estimate;
}
