Console.WriteLine("bench: see issue 7");
