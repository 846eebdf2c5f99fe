namespace CareBot.Server.Tests.Pages;

/// <summary>Photos a customer sends in the browser tests, made here so the tests need no files.</summary>
internal static class TestPhotos
{
    /// <summary>A 120x90 PNG of a creased brown box.</summary>
    public static readonly byte[] CrushedBox = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAHgAAABaCAIAAAD8YgW4AAABkklEQVR42u3ay03FQBBE0YqESIiEDVkRDrGxRbCz9G7/rtTbcZeO" +
        "WmOPxvn++nxQH+9vv+vZQ05VHq/UGoLWmoPWmoPWmoP+zy3rC6EdbQ5aaw5aaw5aaw5aaw5aaw5aaw5aaw5aaw7aoyMKfXy0A/c7" +
        "ax2+5U3rlHQ9aJ2qxtesU9j7lHVq29+xTnmCI9bpEOKCdfpE2c2dVmkWW6dboK3WaZhppXV6xtpnnbbJllmnc7hN1mmeb411+kfc" +
        "YZ0RKRdYZ1DW0daZFXfuaGfcaAy1zsT9bqJ1hr7Ex1ln7pfpLOvB0LOsZ0MPsh4PPcU6f1JaLyqhhV4Gve9iv+eWvRC6p/VO6IbW" +
        "a6G7WW+GbmW9HLqP9X7oJtYnoDtYX4Eu574FXWh9DrrK+iJ0ifVRaN76LjRsfRqatL4OjVkLDVkLDVkLDf2wKjQ02kJD1kJD1kJD" +
        "1kJD1kJD1kJD1kJD1kJD1kJDR0ehodEWGrIWGrIWGrIWGrIWGrIWGrIWGrIWGrIWGuIWGrIWGrIWGrIWGrL+ASB7oaJjp8fXAAAA" +
        "AElFTkSuQmCC");
}
