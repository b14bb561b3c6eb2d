<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>GeneralPage</name>
        <message>
            <source>As the system ({language})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Language</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>schema</name>
        <message>
            <source>Host</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address the proxy listens on.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Port</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Port the proxy listens on.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Require token</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Require the local token on proxy requests (turn off only if trusted).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Default profile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Profile served at /v1/messages; default: the first profile.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Max body (MiB)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Largest request body accepted, MiB.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How much the log file records.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log bodies</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At DEBUG level, also log request bodies (may contain your code).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Timeouts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Upstream limits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failover</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retries along a model route.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Breaker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Circuit breakers per provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Network</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Proxies and trusted certificates.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Update feed URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Release feed `switchboard update --check` asks for a newer version (GitHub's releases API shape); unset: no update checks. Nothing is ever installed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>System proxy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go through the proxy that HTTPS_PROXY / HTTP_PROXY / ALL_PROXY (or the OS settings on macOS and Windows) name, except for hosts in NO_PROXY.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>System trust store</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Trust the certificates the operating system trusts (e.g. a company's TLS inspection), besides the bundled list.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enabled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Skip providers that keep failing.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Consecutive failures</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failures in a row that open the breaker.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failure rate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share of failed requests in the window that opens it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Window seconds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time window for the failure rate, seconds.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Min requests</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Requests needed in the window before the rate counts.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cooldown seconds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How long an open breaker skips the provider before one probe.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Max cooldown seconds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Longest cool-down a provider's Retry-After can ask for.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Max attempts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Most upstream attempts for one request, over all candidates.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Max seconds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No new attempt starts this long after the request arrived.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backoff initial</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wait before retrying a candidate already tried, seconds.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backoff max</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Longest wait between two attempts (doubles up to this).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To open a connection to the provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First byte</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From sending the request to the first byte of the answer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Idle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Longest silence between two streamed chunks.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appears in the proxy URL /proxy/&lt;name&gt;.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Models</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model route for each Claude Code slot.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Slot patterns</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How a requested model name is matched to a slot.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Routing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rules that send some requests to another route (routing.py has the order).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Claude config dir</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CLAUDE_CONFIG_DIR for launches; default: one folder per profile.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share claude config</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use the default ~/.claude instead of a folder of its own.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compact on failover</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>When failover reaches a model whose window is too small for the conversation, summarize the oldest turns (with the background route) for it instead of skipping it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share sessions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share Claude Code's conversations with the other profiles that share them: `claude --resume` continues here a session started in another profile, while settings and logins stay apart.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Environment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Extra environment variables for Claude Code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Knowledge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folders Claude Code can search through Switchboard's MCP tool.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Offer the search_project tool to Claude Code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folders to index (files .gitignore leaves out are skipped); ~ is expanded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Embeddings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>provider/model of an embeddings endpoint (OpenAI-compatible /embeddings) that ranks passages by meaning; without one, passages are ranked by their words.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Chunk lines</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lines per indexed passage.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Max file kb</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Larger files are not indexed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Explicit model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A model field of the form provider/model picks exactly that model.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Subagent tag</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;switchboard-model&gt;provider/model&lt;/switchboard-model&gt; in the system prompt (e.g. in a subagent's definition) picks that model; the tag is removed before sending.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Long context</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for long requests.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for requests with images.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Web search</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for web search requests.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Background</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for background calls.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Thinking</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for thinking requests.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Auto</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A classifier picks a named route per conversation (last rule).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Turn the rule off without losing its routes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Classifier</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The model that classifies (a small local model, e.g. Ollama, is typical).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Routes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Named routes the classifier picks from, e.g. code, reasoning, quick, long.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Descriptions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What each named route is for, as the classifier reads it (optional).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Timeout</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Seconds the classifier may take before the slot's route.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Slots</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Slots the classifier decides for (background haiku calls are left out).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Turn the rule off without losing its route.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model route used when the rule matches.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Modes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>thinking.type values that select this route.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Haiku slot</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Requests for the haiku slot are background.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model pattern</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Regular expression on the requested model name that means background.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Threshold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Input tokens above which the long-context route is used.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Haiku</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Requested names that mean the haiku slot.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sonnet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Requested names that mean the sonnet slot.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opus</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Requested names that mean the opus slot.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Default</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for requests that match no other slot.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for the small, fast model.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for the sonnet tier.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for the opus tier.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Short name used in model references: name/model.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>API dialect the provider speaks.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Base URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>API root, e.g. https://api.deepseek.com/v1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>API key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>keyring:NAME (recommended), env:VARIABLE, login:NAME (a subscription login: `switchboard auth login`), or the key itself (discouraged).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Auth</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How the key is sent. Default: x-api-key for anthropic, x-goog-api-key for gemini, bearer otherwise.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preset</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Catalogue preset this provider was made from (supplies model limits).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Headers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Extra HTTP headers sent with every request.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Query</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Extra query parameters, e.g. Azure's api-version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Per-model limits and quirks; override the catalogue.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quirks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Translation quirks for every model of this provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A disabled provider is skipped by every route.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Context window</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Input context size in tokens.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Max output tokens</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Largest max_tokens the model accepts; requests are clamped to it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Vision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepts image input.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reasoning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Produces reasoning (thinking) output.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Input price</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>USD per million input tokens.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Output price</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>USD per million output tokens.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cache read price</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>USD per million cached input tokens.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Translation quirks for this model only.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>catalog</name>
        <message>
            <source>Anthropic</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>DeepSeek (Anthropic API)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Moonshot Kimi (Anthropic API)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Z.ai GLM (Anthropic API)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Zhipu BigModel GLM (Anthropic API, China)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MiniMax (Anthropic API)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alibaba Qwen (Anthropic API, international)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpenRouter (Anthropic API)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpenAI</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpenAI (Responses API)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ChatGPT subscription (Codex)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Azure OpenAI</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>DeepSeek</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Moonshot Kimi</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Z.ai GLM</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Zhipu BigModel GLM (China)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>xAI Grok</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Groq</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mistral AI</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Together AI</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fireworks AI</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>DeepInfra</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cerebras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpenRouter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Perplexity Sonar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nebius Token Factory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Novita AI</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SiliconFlow</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alibaba Qwen (DashScope, international)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alibaba Qwen (DashScope, China)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MiniMax</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Google Gemini</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Google Gemini (OpenAI-compatible)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ollama (local)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>LM Studio (local)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>vLLM (local)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Claude Pro/Max (subscription login)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GitHub Copilot (subscription login)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Qwen Code (qwen.ai login)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kimi for Coding (kimi.com login)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GitLab Duo (Claude through GitLab)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gemini Code Assist (Google login)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gemini on Google Vertex AI (Google Cloud credentials)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Claude on Google Vertex AI (Google Cloud credentials)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown model names are served by the flash model. Peak-hour prices shown; off-peak is half.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mainland China account and key; billed in CNY.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Singapore-region pay-as-you-go keys only.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model names are OpenRouter slugs such as z-ai/glm-5.3.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>gpt-6-astra is not enabled for every API project yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpenAI's newest API: reasoning is kept across turns (encrypted, nothing stored at OpenAI). gpt-6-astra is not enabled for every API project yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Uses a ChatGPT Plus/Pro plan instead of API billing: log in with your ChatGPT account (the login sets the ChatGPT-Account-ID header the backend requires).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replace {resource} with your Azure OpenAI resource name. Model names are your deployment names. The v1 API needs no api-version parameter.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Peak-hour prices shown; off-peak is half.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GLM Coding Plan keys use https://api.z.ai/api/coding/paas/v4 instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The free tier limits context to 65k tokens.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model names are OpenRouter slugs (provider/model); hundreds more are available.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search-augmented answers; Sonar models do not call tools, so Claude Code can use them only for plain questions.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mainland China accounts use https://api.siliconflow.cn/v1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Singapore region. Prices are tiered by prompt length; see the docs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Beijing region; billed in CNY.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mainland China accounts use https://api.minimaxi.com/v1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gemini's native API: keeps thought signatures across tool calls and takes thinking levels. Flash prices are a promotion running until 31 December 2026; they double afterwards.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Flash prices are a promotion running until 31 December 2026; they double afterwards.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model names are the ones `ollama list` shows.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start the server from LM Studio's Developer tab first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model names are the --served-model-name (or model path) given to `vllm serve`.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log in with your Claude Pro or Max account; usage counts against your plan's limits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log in with a GitHub account that has Copilot (individual, business, enterprise; GitHub Enterprise with --enterprise-url). Some models must be enabled in your Copilot settings first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log in with a qwen.ai account (free daily quota). The API address comes with the login.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log in with a Kimi membership that includes Kimi for Coding.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log in with a GitLab personal access token (scope api) of an account with GitLab Duo; self-managed GitLab with --enterprise-url. The direct-access API is GitLab's agent platform's and may change.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log in with a Google account. The free tier needs no Cloud project; for Standard or Enterprise set GOOGLE_CLOUD_PROJECT before logging in.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Uses this machine's Google Application Default Credentials (gcloud auth application-default login, or a key file in GOOGLE_APPLICATION_CREDENTIALS). GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION (default: global) choose where; the login fills in the address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Uses this machine's Google Application Default Credentials (gcloud auth application-default login, or a key file in GOOGLE_APPLICATION_CREDENTIALS). GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION (default: global) choose where; enable the Claude models in Vertex's Model Garden first.</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
