return await NewsBot.Hosting.NewsBotApp.RunAsync(args);
