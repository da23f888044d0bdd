<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CacaoPlaybook</name>
    <message numerus="yes">
        <source>the playbook is not valid CACAO 2.0 (%n error(s)):</source>
        <translation>
            <numerusform>the playbook is not valid CACAO 2.0 (%n error):</numerusform>
            <numerusform>the playbook is not valid CACAO 2.0 (%n errors):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message numerus="yes">
        <source>Merged %n incident(s) into #%1.
</source>
        <translation>
            <numerusform>Merged %n incident into #%1.
</numerusform>
            <numerusform>Merged %n incidents into #%1.
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Took %n alert(s) out of incident #%1.
</source>
        <translation>
            <numerusform>Took %n alert out of incident #%1.
</numerusform>
            <numerusform>Took %n alerts out of incident #%1.
</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JsonSchemaRegistry</name>
    <message numerus="yes">
        <source>should have at least %n property(ies), has %1</source>
        <translation>
            <numerusform>should have at least %n property(ies), has %1</numerusform>
            <numerusform>should have at least %n property(ies), has %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>should have at most %n property(ies), has %1</source>
        <translation>
            <numerusform>should have at most %n property(ies), has %1</numerusform>
            <numerusform>should have at most %n property(ies), has %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>should have at least %n item(s), has %1</source>
        <translation>
            <numerusform>should have at least %n item, has %1</numerusform>
            <numerusform>should have at least %n items, has %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>should have at most %n item(s), has %1</source>
        <translation>
            <numerusform>should have at most %n item, has %1</numerusform>
            <numerusform>should have at most %n items, has %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>should be at least %n character(s) long, is %1</source>
        <translation>
            <numerusform>should be at least %n character long, is %1</numerusform>
            <numerusform>should be at least %n characters long, is %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>should be at most %n character(s) long, is %1</source>
        <translation>
            <numerusform>should be at most %n character long, is %1</numerusform>
            <numerusform>should be at most %n characters long, is %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlaybookEngine</name>
    <message numerus="yes">
        <source>%n pass(es)</source>
        <translation>
            <numerusform>%n pass</numerusform>
            <numerusform>%n passes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Rca</name>
    <message numerus="yes">
        <source>The chain has %n step(s); the last, at %1: %2</source>
        <translation>
            <numerusform>The chain has %n step; the last, at %1: %2</numerusform>
            <numerusform>The chain has %n steps; the last, at %1: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::CloseDialog</name>
    <message numerus="yes">
        <source>Close %Ln alert(s)</source>
        <translation>
            <numerusform>Close %Ln alert</numerusform>
            <numerusform>Close %Ln alerts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::IncidentDialog</name>
    <message numerus="yes">
        <source>#%1 %2 (%Ln alert(s))</source>
        <translation>
            <numerusform>#%1 %2 (%Ln alert)</numerusform>
            <numerusform>#%1 %2 (%Ln alerts)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %Ln alert(s)</source>
        <translation>
            <numerusform>Add %Ln alert</numerusform>
            <numerusform>Add %Ln alerts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::IncidentWorkspace</name>
    <message numerus="yes">
        <source>Split %n alert(s) off</source>
        <translation>
            <numerusform>Split %n alert off</numerusform>
            <numerusform>Split %n alerts off</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Other activity on these hosts, not linked to the attack (%n process(es))</source>
        <translation>
            <numerusform>Other activity on these hosts, not linked to the attack (%n process)</numerusform>
            <numerusform>Other activity on these hosts, not linked to the attack (%n processes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::JsonView</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::MainWindow</name>
    <message numerus="yes">
        <source>%n new alert(s)</source>
        <translation>
            <numerusform>%n new alert</numerusform>
            <numerusform>%n new alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %Ln matching alert(s) selected</source>
        <translation>
            <numerusform>All %Ln matching alert selected</numerusform>
            <numerusform>All %Ln matching alerts selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connector(s) running</source>
        <translation>
            <numerusform>%n connector running</numerusform>
            <numerusform>%n connectors running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in trouble</source>
        <translation>
            <numerusform>%n in trouble</numerusform>
            <numerusform>%n in trouble</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n indicator(s) copied, defanged</source>
        <translation>
            <numerusform>%n indicator copied, defanged</numerusform>
            <numerusform>%n indicators copied, defanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected alert(s) not loaded yet; try again in a moment, or use Ctrl+A for every alert matching the filter</source>
        <translation>
            <numerusform>%n selected alert not loaded yet; try again in a moment, or use Ctrl+A for every alert matching the filter</numerusform>
            <numerusform>%n selected alerts not loaded yet; try again in a moment, or use Ctrl+A for every alert matching the filter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged %n incident(s) into #%1.</source>
        <translation>
            <numerusform>Merged %n incident into #%1.</numerusform>
            <numerusform>Merged %n incidents into #%1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) raised by the Sigma rules</source>
        <translation>
            <numerusform>%n alert raised by the Sigma rules</numerusform>
            <numerusform>%n alerts raised by the Sigma rules</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) imported: %1 new events, %2 duplicates, %3 rejected lines.</source>
        <translation>
            <numerusform>%n file imported: %1 new events, %2 duplicates, %3 rejected lines.</numerusform>
            <numerusform>%n files imported: %1 new events, %2 duplicates, %3 rejected lines.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) raised by the analytics.</source>
        <translation>
            <numerusform>%n alert raised by the analytics.</numerusform>
            <numerusform>%n alerts raised by the analytics.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::ResponsePanel</name>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n needing approval</source>
        <translation>
            <numerusform>%n needing approval</numerusform>
            <numerusform>%n needing approval</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n checklist item(s)</source>
        <translation>
            <numerusform>%n checklist item</numerusform>
            <numerusform>%n checklist items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n script(s)</source>
        <translation>
            <numerusform>%n script</numerusform>
            <numerusform>%n scripts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::ScopeGraphView</name>
    <message numerus="yes">
        <source>%1 · %n alert(s)</source>
        <translation>
            <numerusform>%1 · %n alert</numerusform>
            <numerusform>%1 · %n alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n event(s)</source>
        <translation>
            <numerusform>%1 · %n event</numerusform>
            <numerusform>%1 · %n events</numerusform>
        </translation>
    </message>
</context>
</TS>
