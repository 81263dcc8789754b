Console.WriteLine("newsbot");
