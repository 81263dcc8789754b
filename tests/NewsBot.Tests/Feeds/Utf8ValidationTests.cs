using System.Runtime.Intrinsics.X86;
using System.Text;
using NewsBot.Feeds.Parsing;
using Xunit.Abstractions;

namespace NewsBot.Tests.Feeds;

/// <summary>
/// The vectorised check must agree with the framework's on every input; the framework's is the reference. The vector path
/// is called directly, so short inputs exercise it too (the public entry point leaves those to the framework).
/// </summary>
public class Utf8ValidationTests(ITestOutputHelper output)
{
    private static bool Check(ReadOnlySpan<byte> bytes) =>
        Avx2.IsSupported ? Utf8Validation.IsValidAvx2(bytes) : Utf8Validation.IsValid(bytes);

    private static void Agrees(byte[] bytes) =>
        Assert.True(System.Text.Unicode.Utf8.IsValid(bytes) == Check(bytes), $"disagreement on {Convert.ToHexString(bytes)}");

    // Without AVX2 every other test here checks only the fallback: that shows as a skip, not as a silent pass.
    [SkippableFact]
    public void The_vector_path_is_the_one_these_tests_cover()
    {
        Skip.IfNot(Avx2.IsSupported, "NO AVX2 here: only the framework fallback is tested");
        output.WriteLine("AVX2: the vector path is tested");
        byte[] valid = Encoding.UTF8.GetBytes(new string('中', 40));
        byte[] broken = (byte[])valid.Clone();
        broken[50] = 0xFF;
        Assert.True(Utf8Validation.IsValidAvx2(valid));
        Assert.False(Utf8Validation.IsValidAvx2(broken));
    }

    private static readonly int[] Edges = [0x41, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x4E2D, 0x10FFFF];

    private static byte[] ValidText(Random r, int chars)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < chars; i++)
        {
            int cp = r.Next(4) switch
            {
                0 => r.Next(0x20, 0x7F),
                1 => r.Next(0x80, 0x800),
                2 => r.Next(3) == 0 ? Edges[r.Next(Edges.Length)] : r.Next(0x4E00, 0x9FFF),
                _ => r.Next(0x10000, 0x110000),
            };
            sb.Append(char.ConvertFromUtf32(cp is >= 0xD800 and <= 0xDFFF ? 0x4E2D : cp));
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    [Fact]
    public void Valid_text_of_every_length_around_the_block_size_is_valid()
    {
        var r = new Random(1);
        for (int chars = 0; chars < 200; chars++)
        {
            var bytes = ValidText(r, chars);
            Assert.True(Check(bytes), Convert.ToHexString(bytes));
        }
    }

    [Fact]
    public void Corrupted_text_gets_the_same_answer_as_the_framework()
    {
        var r = new Random(2);
        for (int n = 0; n < 20_000; n++)
        {
            var bytes = ValidText(r, r.Next(10, 120));
            switch (r.Next(4))
            {
                case 0:
                    bytes[r.Next(bytes.Length)] = (byte)r.Next(256);
                    break;
                case 1:
                    bytes = bytes[..r.Next(bytes.Length)];
                    break;
                case 2:
                    bytes[r.Next(bytes.Length)] = (byte)r.Next(0x80, 0x100);
                    bytes[r.Next(bytes.Length)] = (byte)r.Next(0x80, 0x100);
                    break;
                default:
                    int at = r.Next(bytes.Length);
                    bytes = [.. bytes[..at], .. Bad[r.Next(Bad.Length)], .. bytes[at..]];
                    break;
            }
            Agrees(bytes);
        }
    }

    private static readonly byte[][] Bad =
    [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
        [0xED, 0xBF, 0xBF], [0xEF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xF0, 0x90, 0x80], [0xE2, 0x28, 0xA1], [0xC3, 0x28], [0xA0, 0xA1],
        [0xD6, 0xD0, 0xCE, 0xC4], // "中文" in GBK
    ];

    [Fact]
    public void Each_bad_sequence_is_found_at_every_offset_across_block_edges()
    {
        foreach (var bad in Bad)
        {
            for (int at = 0; at < 100; at++)
            {
                var bytes = Enumerable.Repeat((byte)'a', 130).ToArray();
                bad.CopyTo(bytes, at);
                Assert.False(Check(bytes), $"{Convert.ToHexString(bad)} at {at}");
                Agrees(bytes);
                // and as the very end of the input
                Agrees(bytes[..(at + bad.Length)]);
            }
        }
    }

    [Fact]
    public void Multibyte_characters_straddling_every_block_edge_are_valid()
    {
        foreach (var cp in new[] { 0xE9, 0x4E2D, 0x1F600, 0x10FFFF })
        {
            var ch = Encoding.UTF8.GetBytes(char.ConvertFromUtf32(cp));
            for (int at = 0; at < 100; at++)
            {
                var bytes = Enumerable.Repeat((byte)'a', 130).ToArray();
                ch.CopyTo(bytes, at);
                Assert.True(Check(bytes), $"U+{cp:X} at {at}");
                Assert.True(Check(bytes.AsSpan(0, at + ch.Length)), $"U+{cp:X} ending the input at {at}");
                Assert.False(Check(bytes.AsSpan(0, at + ch.Length - 1)), $"U+{cp:X} cut at {at}");
            }
        }
    }

    [Fact]
    public void The_gbk_twin_of_the_seed_article_is_not_utf8_and_its_utf8_twin_is()
    {
        Assert.True(Check(File.ReadAllBytes(TestData("seed-voa-zh.xml"))));
        Assert.False(Check(File.ReadAllBytes(TestData("seed-voa-zh.gbk.xml"))));
    }

    private static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);
}
