# Entrypoint of the LocalStack stand-in image (harness only, never the product's compose file).
# Inside a container LocalStack talks to Docker through the SDK client, not DOCKER_CMD, and pulls a
# function's runtime image before creating its container. The runtime image here is the harness's
# local stand-in, which no registry has, so a pull of an image the engine already holds is treated
# as done: what localstack/docker-cmd.sh does for the host LocalStack. Then LocalStack runs as usual.
import runpy

from localstack.utils.container_utils.container_client import NoSuchImage
from localstack.utils.container_utils.docker_sdk_client import SdkDockerClient

_pull_image = SdkDockerClient.pull_image


def _pull_unless_present(self, docker_image, platform=None, log_handler=None, auth_config=None):
    try:
        self.inspect_image(docker_image, pull=False)
        return
    except NoSuchImage:
        pass
    _pull_image(self, docker_image, platform, log_handler, auth_config)


SdkDockerClient.pull_image = _pull_unless_present
runpy.run_module("localstack.runtime.main", run_name="__main__", alter_sys=True)
