using NewsBot.Summaries;

namespace NewsBot.Tests.Summaries;

/// <summary>ROUGE-1, ROUGE-2 and ROUGE-L F1 of one system's summaries over an evaluation set, as means.</summary>
internal sealed class RougeTotals
{
    private double _r1, _r2, _rl;
    private int _count;

    public double R1 => _r1 / _count;
    public double R2 => _r2 / _count;
    public double RL => _rl / _count;

    public void Add(string summary, string reference)
    {
        _r1 += Rouge.Rouge1(summary, reference).F1;
        _r2 += Rouge.Rouge2(summary, reference).F1;
        _rl += Rouge.RougeL(summary, reference).F1;
        _count++;
    }
}
