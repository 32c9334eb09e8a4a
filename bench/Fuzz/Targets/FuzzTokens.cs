namespace Countersign.Fuzz;

/// <summary>Tokens that break parsers: the mutator inserts these besides random characters.</summary>
internal static class FuzzTokens
{
    public static readonly string[] Common =
    [
        "\0", "\r\n", "\r", "\n\n", "\t", "\uFEFF", "\uD800", "\uDFFF", "\uDBFF\uDFFF", "\u001b[2J", "\u001b]0;x\a", "\u0085", "\u2028",
        "\u00a0", "\u202e", "\\", "\"", "'", "`", "%", "%00", "\u0001", "\u001f", "\u007f", "\uFFFD", "\uFFFF",
        "0", "-1", "-0", "2147483647", "2147483648", "-2147483649", "4294967297", "9223372036854775807", "9223372036854775808",
        "99999999999999999999999999999999", "1e309", "-1e309", "1e-400", "NaN", "Infinity", "0x7fffffff", "1_000", "0o17", "٣",
    ];

    public static readonly string[] Yaml =
    [
        ": ", "- ", "? ", "&a ", "*a", "&b [*a,*a,*a,*a,*a,*a,*a,*a,*a]", "<<: *a\n", "!!str ", "!!int ", "!!binary ", "!!map ", "!!seq ",
        "!<tag:x,2000:y> ", "!x ", "|\n  ", ">-\n  ", "---\n", "...\n", "%YAML 1.1\n---\n", "%TAG ! tag:x:\n---\n", "{", "}", "[", "]", ",",
        "#", "~", "null", "true", "yes", "no", "on", ".inf", ".nan", "0x1F", "0o17", "2001-12-14t21:59:43.10-05:00", "\"\\x00\"", "\"\\uD800\"",
        "'It''s'", "    ", "\n  - ", "\n    ", "a: &x [1]\nb: *x\n",
    ];

    public static readonly string[] Json =
    [
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "1e999", "-0", "0.0000000000000000000000001", "\"\\u0000\"", "\"\\ud800\"",
        "\"\\uDFFF\"", "{\"a\":", "[[[[", "]]]]", "\"\"", "{}", "[]", "\"$ref\"", "\"$id\"", "\"$values\"", "/*x*/", "//x\n", "\"\\\"", "1.7976931348623157E+309",
    ];

    /// <summary>YAML documents that explode if aliases are expanded (billion laughs) or nesting is followed unbounded.</summary>
    public static readonly string[] YamlBombs =
    [
        "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        + "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        + "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n",
        "x: &x {a: 1}\ny: &y {<<: *x, b: *x, c: *x, d: *x}\nz: &z {<<: *y, e: *y, f: *y, g: *y}\nw: {<<: *z, h: *z, i: *z, j: *z}\n",
        "a: &a\n  - *a\n",
    ];
}
