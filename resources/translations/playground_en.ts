<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ConfusionMatrixView</name>
    <message numerus="yes">
        <source>%n sample(s) of class {0} predicted as {1} ({2:.1%} of the class)</source>
        <translation>
            <numerusform>%n sample of class {0} predicted as {1} ({2:.1%} of the class)</numerusform>
            <numerusform>%n samples of class {0} predicted as {1} ({2:.1%} of the class)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message numerus="yes">
        <source>class(es)</source>
        <comment>the dataset has N classes</comment>
        <translation>
            <numerusform>class</numerusform>
            <numerusform>classes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>target(s)</source>
        <comment>the dataset has N targets (regression)</comment>
        <translation>
            <numerusform>target</numerusform>
            <numerusform>targets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>set layer {0} (Dense) to %n unit(s)</source>
        <translation>
            <numerusform>set layer {0} (Dense) to %n unit</numerusform>
            <numerusform>set layer {0} (Dense) to %n units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>value(s)</source>
        <comment>the model outputs N values</comment>
        <translation>
            <numerusform>value</numerusform>
            <numerusform>values</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message numerus="yes">
        <source>No dataset fits this model: it takes inputs of shape {0} and tells %n class(es) apart. Load the data it was trained on in the Data tab (for your own images, the same folder), then evaluate again.</source>
        <translation>
            <numerusform>No dataset fits this model: it takes inputs of shape {0} and tells %n class apart. Load the data it was trained on in the Data tab (for your own images, the same folder), then evaluate again.</numerusform>
            <numerusform>No dataset fits this model: it takes inputs of shape {0} and tells %n classes apart. Load the data it was trained on in the Data tab (for your own images, the same folder), then evaluate again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InsideView</name>
    <message numerus="yes">
        <source>%n channel(s)</source>
        <translation>
            <numerusform>%n channel</numerusform>
            <numerusform>%n channels</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LayerBuilder</name>
    <message numerus="yes">
        <source>Input: %n value(s) ({0})</source>
        <translation>
            <numerusform>Input: %n value ({0})</numerusform>
            <numerusform>Input: %n values ({0})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Insert %n layer(s)</source>
        <translation>
            <numerusform>Insert %n layer</numerusform>
            <numerusform>Insert %n layers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n layer(s)</source>
        <translation>
            <numerusform>Move %n layer</numerusform>
            <numerusform>Move %n layers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n layer(s)</source>
        <translation>
            <numerusform>Remove %n layer</numerusform>
            <numerusform>Remove %n layers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n layer(s)</source>
        <translation>
            <numerusform>Duplicate %n layer</numerusform>
            <numerusform>Duplicate %n layers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Freeze %n layer(s)</source>
        <translation>
            <numerusform>Freeze %n layer</numerusform>
            <numerusform>Freeze %n layers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PointsGroup</name>
    <message numerus="yes">
        <source>%n point(s): {0} orange, {1} blue</source>
        <translation>
            <numerusform>%n point: {0} orange, {1} blue</numerusform>
            <numerusform>%n points: {0} orange, {1} blue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegressionEvaluationDialog</name>
    <message numerus="yes">
        <source>{0} on the test split of {1}: mean absolute error {2:.4g}, R² {3:.3f} (%n sample(s)).</source>
        <translation>
            <numerusform>{0} on the test split of {1}: mean absolute error {2:.4g}, R² {3:.3f} (%n sample).</numerusform>
            <numerusform>{0} on the test split of {1}: mean absolute error {2:.4g}, R² {3:.3f} (%n samples).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunFeedback</name>
    <message numerus="yes">
        <source>Stopped during epoch {0} of {1}: %n epoch(s) complete.</source>
        <translation>
            <numerusform>Stopped during epoch {0} of {1}: %n epoch complete.</numerusform>
            <numerusform>Stopped during epoch {0} of {1}: %n epochs complete.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunNames</name>
    <message numerus="yes">
        <source>%n epoch(s)</source>
        <translation>
            <numerusform>%n epoch</numerusform>
            <numerusform>%n epochs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SamplesDialog</name>
    <message numerus="yes">
        <source>%n sample(s) in {0}</source>
        <translation>
            <numerusform>%n sample in {0}</numerusform>
            <numerusform>%n samples in {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message numerus="yes">
        <source>Stopped after %n trial(s); Start resumes the study.</source>
        <translation>
            <numerusform>Stopped after %n trial; Start resumes the study.</numerusform>
            <numerusform>Stopped after %n trials; Start resumes the study.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The grid is complete (%n trial(s) run now).</source>
        <translation>
            <numerusform>The grid is complete (%n trial run now).</numerusform>
            <numerusform>The grid is complete (%n trials run now).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished %n trial(s).</source>
        <translation>
            <numerusform>Finished %n trial.</numerusform>
            <numerusform>Finished %n trials.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPlots</name>
    <message numerus="yes">
        <source>Shown after %n complete trials ({0} so far). The importance is estimated from the finished trials (fANOVA fits a random forest to them); with fewer, which setting seems to matter is mostly chance.</source>
        <translation>
            <numerusform>Shown after %n complete trials ({0} so far). The importance is estimated from the finished trials (fANOVA fits a random forest to them); with fewer, which setting seems to matter is mostly chance.</numerusform>
            <numerusform>Shown after %n complete trials ({0} so far). The importance is estimated from the finished trials (fANOVA fits a random forest to them); with fewer, which setting seems to matter is mostly chance.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepperDialog</name>
    <message numerus="yes">
        <source>mini-batches of %n sample(s) (Training settings)</source>
        <translation>
            <numerusform>mini-batches of %n sample (Training settings)</numerusform>
            <numerusform>mini-batches of %n samples (Training settings)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Training %n epoch(s) in the background…</source>
        <translation>
            <numerusform>Training %n epoch in the background…</numerusform>
            <numerusform>Training %n epochs in the background…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TableDialog</name>
    <message numerus="yes">
        <source>{0}, %n missing</source>
        <translation>
            <numerusform>{0}, %n missing</numerusform>
            <numerusform>{0}, %n missing</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TableFit</name>
    <message numerus="yes">
        <source>The last Dense layer now gives %n output(s), as the table needs.</source>
        <translation>
            <numerusform>The last Dense layer now gives %n output, as the table needs.</numerusform>
            <numerusform>The last Dense layer now gives %n outputs, as the table needs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TableText</name>
    <message numerus="yes">
        <source>Read %n row(s) ({0}, separated by {1}{2}); target '{3}', {4}.</source>
        <translation>
            <numerusform>Read %n row ({0}, separated by {1}{2}); target '{3}', {4}.</numerusform>
            <numerusform>Read %n rows ({0}, separated by {1}{2}); target '{3}', {4}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dropped %n row(s): no value in the target '{0}'.</source>
        <translation>
            <numerusform>Dropped %n row: no value in the target '{0}'.</numerusform>
            <numerusform>Dropped %n rows: no value in the target '{0}'.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Filled %n missing value(s) in '{0}'.</source>
        <translation>
            <numerusform>Filled %n missing value in '{0}'.</numerusform>
            <numerusform>Filled %n missing values in '{0}'.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeachBox</name>
    <message numerus="yes">
        <source>Fine-tuning on %n sample(s)…</source>
        <translation>
            <numerusform>Fine-tuning on %n sample…</numerusform>
            <numerusform>Fine-tuning on %n samples…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accuracy on your %n sample(s): {0:.0%} before, {1:.0%} after.</source>
        <translation>
            <numerusform>Accuracy on your %n sample: {0:.0%} before, {1:.0%} after.</numerusform>
            <numerusform>Accuracy on your %n samples: {0:.0%} before, {1:.0%} after.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingDefaults</name>
    <message numerus="yes">
        <source>Training settings for {0} (from the {1} preset): {2}, learning rate {3:g}, batch size {4}, %n epoch(s). Edit ▸ Undo (Ctrl+Z) brings back the previous ones.</source>
        <translation>
            <numerusform>Training settings for {0} (from the {1} preset): {2}, learning rate {3:g}, batch size {4}, %n epoch. Edit ▸ Undo (Ctrl+Z) brings back the previous ones.</numerusform>
            <numerusform>Training settings for {0} (from the {1} preset): {2}, learning rate {3:g}, batch size {4}, %n epochs. Edit ▸ Undo (Ctrl+Z) brings back the previous ones.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransferActions</name>
    <message numerus="yes">
        <source>Replace the model's layers with the %n layer(s) of {0}? Its output layer gets one unit per class of this dataset and starts fresh if that changes its shape.</source>
        <translation>
            <numerusform>Replace the model's layers with the %n layer of {0}? Its output layer gets one unit per class of this dataset and starts fresh if that changes its shape.</numerusform>
            <numerusform>Replace the model's layers with the %n layers of {0}? Its output layer gets one unit per class of this dataset and starts fresh if that changes its shape.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowController</name>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n class</numerusform>
            <numerusform>%n classes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target(s)</source>
        <translation>
            <numerusform>%n target</numerusform>
            <numerusform>%n targets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Training {0} for %n epoch(s)…</source>
        <translation>
            <numerusform>Training {0} for %n epoch…</numerusform>
            <numerusform>Training {0} for %n epochs…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Early stopping after epoch {0}: {1} has not improved for %n epoch(s).</source>
        <translation>
            <numerusform>Early stopping after epoch {0}: {1} has not improved for %n epoch.</numerusform>
            <numerusform>Early stopping after epoch {0}: {1} has not improved for %n epochs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Completed %n epoch(s).</source>
        <translation>
            <numerusform>Completed %n epoch.</numerusform>
            <numerusform>Completed %n epochs.</numerusform>
        </translation>
    </message>
</context>
</TS>
